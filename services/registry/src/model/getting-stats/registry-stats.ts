import { Stage, STAGES } from '@ledger/contracts';
import { Queryable } from '@ledger/eventstore';
import { onlyReadable, Reader } from '../authorizing/model-access';

export interface RegistryStats {
  models: number;
  versions: number;
  /** Live versions per stage, every stage present. */
  byStage: Record<Stage, number>;
  /** Uploaded artifacts of live versions: how many, their bytes, and the bytes of distinct contents (stored once). */
  artifacts: { count: number; bytes: number; distinctBytes: number };
  /** Versions registered per UTC day (deleted since included, those of deleted models not), newest first. */
  versionsPerDay: { day: string; count: number }[];
}

const LIVE_VERSIONS = `model_versions v JOIN registered_models m ON m.model_id = v.model_id AND NOT m.deleted`;

/** The registry at a glance, over the models the reader may read (all of them with authentication off). */
export async function registryStats(on: Queryable, reader: Reader | undefined, days: number): Promise<RegistryStats> {
  const readable = onlyReadable(reader, 'm.model_id', []);
  const [models, stages, artifacts, perDay] = await Promise.all([
    on.query(
      `SELECT count(*)::int AS n FROM registered_models m WHERE NOT m.deleted AND ${readable.sql}`,
      readable.params,
    ),
    on.query(
      `SELECT v.stage, count(*)::int AS n FROM ${LIVE_VERSIONS} WHERE NOT v.deleted AND ${readable.sql} GROUP BY v.stage`,
      readable.params,
    ),
    on.query(
      `SELECT count(*)::int AS n, coalesce(sum(a.size_bytes), 0)::text AS bytes,
         (SELECT coalesce(sum(size_bytes), 0) FROM (SELECT DISTINCT a2.sha256, a2.size_bytes FROM version_artifacts a2
            JOIN ${LIVE_VERSIONS} ON v.model_id = a2.model_id AND v.version = a2.version WHERE NOT v.deleted AND ${readable.sql}) d)::text AS distinct_bytes
       FROM version_artifacts a JOIN ${LIVE_VERSIONS} ON v.model_id = a.model_id AND v.version = a.version
       WHERE NOT v.deleted AND ${readable.sql}`,
      readable.params,
    ),
    on.query(
      `SELECT to_char(date_trunc('day', v.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*)::int AS n
       FROM ${LIVE_VERSIONS} WHERE ${readable.sql} GROUP BY 1 ORDER BY 1 DESC LIMIT $${readable.params.length + 1}`,
      [...readable.params, days],
    ),
  ]);
  const byStage = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<Stage, number>;
  for (const row of stages as { stage: Stage; n: number }[]) byStage[row.stage] = row.n;
  const [a] = artifacts as { n: number; bytes: string; distinct_bytes: string }[];
  return {
    models: (models as { n: number }[])[0].n,
    versions: Object.values(byStage).reduce((sum, n) => sum + n, 0),
    byStage,
    artifacts: { count: a.n, bytes: Number(a.bytes), distinctBytes: Number(a.distinct_bytes) },
    versionsPerDay: (perDay as { day: string; n: number }[]).map((row) => ({ day: row.day, count: row.n })),
  };
}
