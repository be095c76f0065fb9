import { Client } from 'pg';
import { createModel } from '../http';
import { runId } from '../infra';
import { percentile, round, sleep, withTimeout } from '../stats';

export const VALIDATION_SEQUENTIAL = 200;
export const VALIDATION_BURST = 2_000;
export const VALIDATION_BURST_CONNECTIONS = 16;
const POLL_MS = 2;
const JSON_HEADERS = { 'content-type': 'application/json' };
const THRESHOLD_ONLY = { checks: [{ kind: 'threshold', metric: 'auc', threshold: 0.8, greater_is_better: true }] };

async function setPolicy(validatorUrl: string, model: string, policy: unknown): Promise<void> {
  const response = await fetch(`${validatorUrl}/api/v1/validation-policies/${model}`, {
    method: 'PUT',
    headers: JSON_HEADERS,
    body: JSON.stringify(policy),
  });
  if (response.status >= 300) throw new Error(`policy for ${model}: HTTP ${response.status} ${await response.text()}`);
}

async function register(registryUrl: string, model: string, auc: number): Promise<number> {
  const response = await fetch(`${registryUrl}/api/v1/models/${model}/versions`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ source: 's3://bench/x', metrics: { auc } }),
  });
  if (response.status !== 201) throw new Error(`register ${model}: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { version: number }).version;
}

const verdicts = async (db: Client, models: string[]): Promise<number> =>
  (
    await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM validation_runs WHERE model_name = ANY($1) AND status IN ('passed', 'failed')`,
      [models],
    )
  ).rows[0].n;

/** Waits until no run is in flight (the earlier sections' registrations each started one). */
export async function drainRuns(db: Client): Promise<number> {
  const started = performance.now();
  const running = async () =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM validation_runs WHERE status = 'running'`)).rows[0]
      .n;
  await withTimeout(
    (async () => {
      while ((await running()) > 0) await sleep(200);
    })(),
    1_200_000,
    'the validator finishing the runs of the earlier sections',
  );
  return performance.now() - started;
}

/** From just before the POST until the validator's run read model holds the verdict (polled every 2 ms). */
async function verdictLatency(db: Client, registryUrl: string, model: string): Promise<number> {
  const started = performance.now();
  const version = await register(registryUrl, model, 0.9);
  for (;;) {
    const { rows } = await db.query<{ status: string }>(
      `SELECT status FROM validation_runs WHERE model_name = $1 AND version = $2`,
      [model, version],
    );
    if (rows[0]?.status === 'passed') return performance.now() - started;
    if (rows[0]?.status === 'failed') throw new Error(`${model} v${version} failed a threshold it meets`);
    await sleep(POLL_MS);
  }
}

/**
 * VersionCreated → ValidationPassed over Kafka with a threshold-only policy: one version at a
 * time for latency, then a burst of registrations (16 at a time) until every verdict is in.
 */
export async function benchValidation(
  registryUrl: string,
  validatorUrl: string,
  validatorDatabaseUrl: string,
): Promise<Record<string, number>> {
  const db = new Client({ connectionString: validatorDatabaseUrl });
  await db.connect();
  try {
    const runsBacklogDrainMs = round(await drainRuns(db), 0);
    const models = Array.from({ length: VALIDATION_BURST_CONNECTIONS }, (_, i) => `bench-validate-${runId}-${i}`);
    for (const model of models) {
      await createModel(registryUrl, model);
      await setPolicy(validatorUrl, model, THRESHOLD_ONLY);
    }
    const latencies: number[] = [];
    for (let i = 0; i < VALIDATION_SEQUENTIAL; i++)
      latencies.push(await withTimeout(verdictLatency(db, registryUrl, models[0]), 30_000, 'one verdict'));
    const before = await verdicts(db, models);
    const started = performance.now();
    let next = 0;
    await Promise.all(
      models.map(async (model) => {
        while (next < VALIDATION_BURST) {
          next++;
          await register(registryUrl, model, 0.9);
        }
      }),
    );
    await withTimeout(
      (async () => {
        while ((await verdicts(db, models)) < before + VALIDATION_BURST) await sleep(20);
      })(),
      600_000,
      `${VALIDATION_BURST} verdicts`,
    );
    const minutes = (performance.now() - started) / 60_000;
    return {
      validationP50Ms: round(percentile(latencies, 50), 1),
      validationP99Ms: round(percentile(latencies, 99), 1),
      validationsPerMinThreshold: round(VALIDATION_BURST / minutes, 0),
      validatorRunsBacklogDrainMs: runsBacklogDrainMs,
    };
  } finally {
    await db.end();
  }
}

/** The same wait, for a platform given by its validator's database. */
export async function validatorIdle(validatorDatabaseUrl: string): Promise<number> {
  const db = new Client({ connectionString: validatorDatabaseUrl });
  await db.connect();
  try {
    return await drainRuns(db);
  } finally {
    await db.end();
  }
}
