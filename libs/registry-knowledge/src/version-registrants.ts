import { EntityManager } from 'typeorm';
import { Migration, Projection, StoredEvent } from '@ledger/eventstore';

type On = Pick<EntityManager, 'query'>;

/**
 * Who registered each version, from the VersionCreated envelope's actor (the payload does not
 * say): what separation of duties compares an approver with. Its own table and projection, so
 * the services that do not need it (validator, deployer) keep their knowledge as it is.
 */
export const versionRegistrantsMigration = (id: string): Migration => ({
  id,
  sql: `CREATE TABLE known_registrants (
    model_id      uuid NOT NULL,
    version       int NOT NULL,
    registered_by text NOT NULL,
    PRIMARY KEY (model_id, version)
  );`,
});

export const versionRegistrants: Projection = {
  name: 'registry-registrants',
  handles: ['VersionCreated'],
  async apply(tx, event: StoredEvent) {
    const actor = (event.metadata as { actor?: { id?: string } }).actor;
    if (!actor?.id) return;
    const { modelId, version } = event.data as { modelId: string; version: number };
    await tx.query(
      `INSERT INTO known_registrants (model_id, version, registered_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [modelId, version, actor.id],
    );
  },
  reset: async (tx) => {
    await tx.query(`DELETE FROM known_registrants`);
  },
};

/** The actor who registered a version; null when its VersionCreated named none (or was not seen). */
export async function registeredBy(on: On, modelId: string, version: number): Promise<string | null> {
  const rows: { registered_by: string }[] = await on.query(
    `SELECT registered_by FROM known_registrants WHERE model_id = $1 AND version = $2`,
    [modelId, version],
  );
  return rows[0]?.registered_by ?? null;
}
