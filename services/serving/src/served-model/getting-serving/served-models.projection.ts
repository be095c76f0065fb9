import { EntityManager } from 'typeorm';
import { servingEvents } from '@ledger/contracts';
import { catalogProjection, Migration, StoredEvent } from '@ledger/eventstore';
import { evolveServedModel, initialServedModelState, ServedModelEvent, ServedModelState } from '../served-model';

export const SERVED_MODELS_MIGRATION: Migration = {
  id: 'serving-001-served-models',
  sql: `CREATE TABLE served_models (
    environment text NOT NULL,
    name        text NOT NULL,
    state       jsonb NOT NULL,
    position    int NOT NULL,
    PRIMARY KEY (environment, name)
  );`,
};

/**
 * The desired state of each model in each environment: the decider's own fold of its stream,
 * written with the append. The worker reconciles the runtime against it (at start-up too), and
 * GET /api/v1/serving reads it; being the same evolve, it cannot disagree with the decider.
 */
async function fold(tx: EntityManager, event: StoredEvent): Promise<void> {
  const { environment, name } = event.data as { environment: string; name: string };
  const [row] = await tx.query(`SELECT state, position FROM served_models WHERE environment = $1 AND name = $2`, [
    environment,
    name,
  ]);
  // Idempotent per event: one already folded in (a rebuild racing the inline writer) is skipped.
  if (row && row.position >= event.streamPosition) return;
  const state = evolveServedModel((row?.state as ServedModelState) ?? initialServedModelState(), {
    type: event.type,
    data: event.data,
  } as ServedModelEvent);
  await tx.query(
    `INSERT INTO served_models (environment, name, state, position) VALUES ($1, $2, $3::jsonb, $4)
     ON CONFLICT (environment, name) DO UPDATE SET state = EXCLUDED.state, position = EXCLUDED.position`,
    [environment, name, JSON.stringify(state), event.streamPosition],
  );
}

export const servedModels = catalogProjection(servingEvents)({
  name: 'served-models',
  on: {
    ServingVersionLoadRequested: fold,
    ServingVersionReady: fold,
    ServingVersionLoadFailed: fold,
    ServingTrafficSet: fold,
    ServingVersionScaled: fold,
    ServingVersionUnloaded: fold,
  },
  reset: (tx) => tx.query(`DELETE FROM served_models`),
});

export interface DesiredModel {
  environment: string;
  name: string;
  state: ServedModelState;
}

export async function desiredModels(
  on: Pick<EntityManager, 'query'>,
  filter: { environment?: string } = {},
): Promise<DesiredModel[]> {
  return on.query(
    `SELECT environment, name, state FROM served_models WHERE ($1::text IS NULL OR environment = $1)
     ORDER BY environment, name`,
    [filter.environment ?? null],
  );
}
