import { DataSource, EntityManager } from 'typeorm';
import { EventLog, LOG_START, LogPosition } from './event-log';
import { project, Projection, recordProjectionVersion } from './projection';

/**
 * Read models kept inline are written by command transactions, which hold this key shared; a
 * rebuild holds it exclusively. Without it, a rebuild's empty name index would let a command
 * take a name that the replay is about to restore for another model.
 */
const INLINE_READ_MODELS = 'ledger:inline-read-models';

/**
 * Locks, in this order: the inline read models (shared, when the writer keeps any) and then the
 * streams (in the order given, which callers sort). Shared first, so a writer never waits for a
 * rebuild while holding a stream another writer needs.
 */
export async function lockForWriting(tx: EntityManager, streamIds: string[], inline: boolean): Promise<void> {
  await tx.query(
    `SELECT pg_advisory_xact_lock_shared(hashtextextended($2, 0)) WHERE $3::boolean
     UNION ALL SELECT pg_advisory_xact_lock(hashtextextended(s, 0)) FROM unnest($1::text[]) AS s`,
    [streamIds, INLINE_READ_MODELS, inline],
  );
}

/**
 * Rebuilds a read model that commands keep inline, while the service runs: one transaction
 * that waits for the writers in flight and holds new ones back, empties the read model and
 * replays the whole log into it. Readers see the old rows until it commits; writers wait for
 * the duration (pause-the-world, for repairs). Its transaction also holds back every relay and
 * projection runner on the same PostgreSQL server until it ends (they read only what every
 * older transaction has finished). Returns the number of events read.
 */
export async function rebuildInline(db: DataSource, projection: Projection, pageSize = 1_000): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [INLINE_READ_MODELS]);
    return replayInto(tx, projection, pageSize);
  });
}

/**
 * At start-up: rebuilds each inline read model whose rows were written by another version of
 * its definition (Projection.version), or by code from before versions were recorded, so a
 * change to what a projection writes reaches the rows already there. A fresh log only records
 * the versions. Safe with several instances starting at once: the check runs under the same
 * exclusive lock as the rebuild. Returns the names of the read models it rebuilt.
 */
export async function rebuildChangedInline(
  db: DataSource,
  projections: readonly Projection[],
  pageSize = 1_000,
): Promise<string[]> {
  const rebuilt: string[] = [];
  for (const projection of projections) {
    const version = projection.version ?? 1;
    const stored: { version: number }[] = await db.query(`SELECT version FROM projection_versions WHERE name = $1`, [
      projection.name,
    ]);
    if (stored[0]?.version === version) continue;
    const replayed = await db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [INLINE_READ_MODELS]);
      const [current] = await tx.query(`SELECT version FROM projection_versions WHERE name = $1`, [projection.name]);
      if (current?.version === version) return false;
      const [{ empty }] = await tx.query(`SELECT NOT EXISTS (SELECT 1 FROM events) AS empty`);
      if (!empty) await replayInto(tx, projection, pageSize);
      await recordProjectionVersion(tx, projection.name, version);
      return !empty;
    });
    if (replayed) rebuilt.push(projection.name);
  }
  return rebuilt;
}

async function replayInto(tx: EntityManager, projection: Projection, pageSize: number): Promise<number> {
  const log = new EventLog(tx.connection);
  await projection.reset(tx);
  let after: LogPosition = LOG_START;
  let read = 0;
  for (;;) {
    const events = await log.readAll(after, pageSize, tx);
    if (events.length === 0) return read;
    await project(projection, tx, events);
    const last = events[events.length - 1];
    after = { transactionId: last.transactionId, globalPosition: last.globalPosition };
    read += events.length;
  }
}
