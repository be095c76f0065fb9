import { EntityManager } from 'typeorm';
import { RegisteredModelCreatedData } from '@ledger/contracts';
import { Migration, Projection, Queryable, StoredEvent } from '@ledger/eventstore';
import { eventData, occurredAt } from '../stored-event';

/**
 * Which model held which name when: one row per name a model took (created or renamed to),
 * valid from that event's time until the next rename or the delete (valid_to null: holds it now).
 * model_names only knows the present; this answers "churn on 3 March" and finds deleted models.
 * The migration backfills from the log, so a registry upgraded with history answers at once.
 */
export const MODEL_NAME_HISTORY_MIGRATION: Migration = {
  id: 'registry-010-model-name-history',
  sql: `CREATE TABLE model_name_history (
  model_id      uuid NOT NULL,
  from_position bigint NOT NULL,
  name          text NOT NULL,
  valid_from    timestamptz NOT NULL,
  valid_to      timestamptz,
  PRIMARY KEY (model_id, from_position)
);
CREATE INDEX model_name_history_by_name ON model_name_history (name, valid_from DESC);
INSERT INTO model_name_history (model_id, from_position, name, valid_from, valid_to)
SELECT model_id, pos, name, valid_from, valid_to FROM (
  SELECT (data->>'modelId')::uuid AS model_id, stream_position AS pos, event_type, data->>'name' AS name,
         (metadata->>'occurredAt')::timestamptz AS valid_from,
         lead((metadata->>'occurredAt')::timestamptz) OVER (PARTITION BY stream_id ORDER BY stream_position) AS valid_to
  FROM events
  WHERE stream_id LIKE 'model-%' AND event_type IN ('RegisteredModelCreated', 'RegisteredModelRenamed', 'RegisteredModelDeleted')
) named WHERE event_type <> 'RegisteredModelDeleted';`,
};

/** Inline and idempotent: a replayed event inserts nothing new and closes nothing twice. */
export const modelNameHistoryProjection: Projection = {
  name: 'model_name_history',
  handles: ['RegisteredModelCreated', 'RegisteredModelRenamed', 'RegisteredModelDeleted'],
  async apply(tx: EntityManager, event: StoredEvent): Promise<void> {
    const { modelId, name } = eventData<RegisteredModelCreatedData>(event);
    const at = occurredAt(event);
    await tx.query(
      `UPDATE model_name_history SET valid_to = $3 WHERE model_id = $1 AND from_position < $2 AND valid_to IS NULL`,
      [modelId, event.streamPosition, at],
    );
    if (event.type === 'RegisteredModelDeleted') return;
    await tx.query(
      `INSERT INTO model_name_history (model_id, from_position, name, valid_from) VALUES ($1, $2, $3, $4)
       ON CONFLICT (model_id, from_position) DO NOTHING`,
      [modelId, event.streamPosition, name, at],
    );
  },
  async reset(tx: EntityManager): Promise<void> {
    await tx.query(`DELETE FROM model_name_history`);
  },
};

/** The model that had this name at that moment (renames and deletes respected), if any. */
export async function modelIdAt(on: Queryable, name: string, asOf: string): Promise<string | undefined> {
  const rows: { model_id: string }[] = await on.query(
    `SELECT model_id FROM model_name_history
     WHERE name = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)
     ORDER BY valid_from DESC LIMIT 1`,
    [name, asOf],
  );
  return rows[0]?.model_id;
}

/**
 * For the audit: the model that holds this name now, else the one that held it last (a model
 * renamed away from it, or deleted). So a deleted model's history stays reachable by its name.
 */
export async function modelIdEverNamed(on: Queryable, name: string): Promise<string | undefined> {
  const rows: { model_id: string }[] = await on.query(
    `SELECT model_id FROM model_name_history WHERE name = $1
     ORDER BY (valid_to IS NULL) DESC, COALESCE(valid_to, valid_from) DESC, valid_from DESC LIMIT 1`,
    [name],
  );
  return rows[0]?.model_id;
}
