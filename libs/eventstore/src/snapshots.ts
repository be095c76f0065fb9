import { Queryable } from './event-log';

/** Snapshot every `every` events; a new schemaVersion invalidates older snapshots. */
export interface SnapshotPolicy<S> {
  every: number;
  schemaVersion: number;
  serialize?: (state: S) => unknown;
  deserialize?: (json: unknown) => S;
}

export async function loadSnapshot<S>(
  on: Queryable,
  streamId: string,
  policy: SnapshotPolicy<S>,
): Promise<{ state: S; version: number } | undefined> {
  const rows = await on.query(
    `SELECT stream_version::int AS version, state FROM snapshots WHERE stream_id = $1 AND schema_version = $2`,
    [streamId, policy.schemaVersion],
  );
  if (rows.length === 0) return undefined;
  const state = policy.deserialize ? policy.deserialize(rows[0].state) : (rows[0].state as S);
  return { state, version: rows[0].version };
}

export async function storeSnapshot<S>(
  on: Queryable,
  streamId: string,
  version: number,
  state: S,
  policy: SnapshotPolicy<S>,
): Promise<void> {
  const json = JSON.stringify(policy.serialize ? policy.serialize(state) : state);
  await on.query(
    `INSERT INTO snapshots (stream_id, stream_version, schema_version, state) VALUES ($1, $2, $3, $4::jsonb)
     ON CONFLICT (stream_id) DO UPDATE SET stream_version = EXCLUDED.stream_version,
       schema_version = EXCLUDED.schema_version, state = EXCLUDED.state, updated_at = now()
     WHERE snapshots.stream_version < EXCLUDED.stream_version`,
    [streamId, version, policy.schemaVersion, json],
  );
}
