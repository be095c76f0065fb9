import { EntityManager } from 'typeorm';
import { Migration, occurredAt, Queryable, StoredEvent } from '@ledger/eventstore';
import { registryProjection } from '../stored-event';

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

/** Created, renamed or deleted: each ends the name the model held; positions order them per model. */
type NameEvent = Pick<StoredEvent, 'metadata' | 'streamPosition'> & { data: { modelId: string } };

/** Inline and idempotent: a replayed event inserts nothing new and closes nothing twice. */
export const modelNameHistoryProjection = registryProjection({
  name: 'model_name_history',
  on: {
    RegisteredModelCreated: (tx, event) => takeName(tx, event, event.data.name),
    RegisteredModelRenamed: (tx, event) => takeName(tx, event, event.data.name),
    RegisteredModelDeleted: closeName,
  },
  reset: (tx) => tx.query(`DELETE FROM model_name_history`),
});

/** The name the model held before this event stops being its name at the event's time. */
function closeName(tx: EntityManager, event: NameEvent): Promise<unknown> {
  return tx.query(
    `UPDATE model_name_history SET valid_to = $3 WHERE model_id = $1 AND from_position < $2 AND valid_to IS NULL`,
    [event.data.modelId, event.streamPosition, occurredAt(event)],
  );
}

async function takeName(tx: EntityManager, event: NameEvent, name: string): Promise<void> {
  await closeName(tx, event);
  await tx.query(
    `INSERT INTO model_name_history (model_id, from_position, name, valid_from) VALUES ($1, $2, $3, $4)
     ON CONFLICT (model_id, from_position) DO NOTHING`,
    [event.data.modelId, event.streamPosition, name, occurredAt(event)],
  );
}

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
