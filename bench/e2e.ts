import { Client } from 'pg';
import { createModel } from './http';
import { runId } from './infra';
import { percentile, progress, round, sleep, withTimeout } from './stats';

export const E2E_REGISTRATIONS = 300;
export const E2E_SEQUENCES = 8;
const POLL_MS = 2;

interface Waiter {
  version: number;
  resolve: (at: number) => void;
  reject: (error: Error) => void;
}

/**
 * Watches the validator's read model directly (one query every 2 ms for all models in play),
 * recording when each (model_name, version) row first appears.
 */
class ReadModelProbe {
  private readonly waiters = new Map<string, Waiter[]>();
  private running = true;
  private failure?: Error;
  private loop?: Promise<void>;

  constructor(private readonly client: Client) {}

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Resolves with the time the row was first seen; register before the POST. */
  seen(model: string, version: number): Promise<number> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.waiters.set(model, [...(this.waiters.get(model) ?? []), { version, resolve, reject }]);
    });
  }

  private async run(): Promise<void> {
    try {
      while (this.running) {
        const models = [...this.waiters.keys()];
        if (models.length > 0) {
          const { rows } = await this.client.query<{ model_name: string; version: number }>(
            `SELECT model_name, max(version)::int AS version FROM versions_awaiting_validation WHERE model_name = ANY($1) GROUP BY model_name`,
            [models],
          );
          const at = performance.now();
          for (const row of rows) this.release(row.model_name, row.version, at);
        }
        await sleep(POLL_MS);
      }
    } catch (error) {
      this.failure = new Error(`read-model probe failed: ${(error as Error).message}`);
      [...this.waiters.values()].flat().forEach((w) => w.reject(this.failure!));
      this.waiters.clear();
    }
  }

  private release(model: string, upTo: number, at: number): void {
    const waiting = this.waiters.get(model) ?? [];
    waiting.filter((w) => w.version <= upTo).forEach((w) => w.resolve(at));
    const left = waiting.filter((w) => w.version > upTo);
    if (left.length > 0) this.waiters.set(model, left);
    else this.waiters.delete(model);
  }
}

/** Waits until the validator holds at least `expected` rows (the HTTP run's backlog). */
export async function drainBacklog(validatorDatabaseUrl: string, expected: number): Promise<number> {
  return waitForValidator(validatorDatabaseUrl, expected);
}

/**
 * Waits until the validator has finished (and projected) a run for at least `expected` versions:
 * its read models follow one log in order, so a version registered while thousands of runs are
 * still deciding waits behind their events — the end-to-end section starts on a quiet validator.
 */
export async function drainRuns(validatorDatabaseUrl: string, expected: number): Promise<number> {
  const client = new Client({ connectionString: validatorDatabaseUrl });
  await client.connect();
  const started = performance.now();
  try {
    const finished = async () =>
      (
        await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM validation_runs WHERE finished_at IS NOT NULL`,
        )
      ).rows[0].n;
    await withTimeout(
      (async () => {
        while ((await finished()) < expected) await sleep(500);
      })(),
      1_800_000,
      `validator finishing the runs of ${expected} versions`,
    );
    return performance.now() - started;
  } finally {
    await client.end();
  }
}

/** How long until the validator has projected `expected` versions of one model. */
export async function drainModel(validatorDatabaseUrl: string, model: string, expected: number): Promise<number> {
  return waitForValidator(validatorDatabaseUrl, expected, model);
}

async function waitForValidator(validatorDatabaseUrl: string, expected: number, model?: string): Promise<number> {
  const client = new Client({ connectionString: validatorDatabaseUrl });
  await client.connect();
  const started = performance.now();
  try {
    const where = model ? 'WHERE model_name = $1' : '';
    const count = async () =>
      (
        await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM versions_awaiting_validation ${where}`,
          model ? [model] : [],
        )
      ).rows[0].n;
    await withTimeout(
      (async () => {
        while ((await count()) < expected) await sleep(100);
      })(),
      1_800_000, // the validator starts a validation run for every version it takes in
      `validator catching up on ${expected} versions`,
    );
    return performance.now() - started;
  } finally {
    await client.end();
  }
}

/** HTTP accepted → row in the validator's read model, over the relay, Kafka and the consumer. */
export async function benchEndToEnd(
  registryUrl: string,
  validatorDatabaseUrl: string,
): Promise<{ e2eKafkaP50Ms: number; e2eKafkaP99Ms: number }> {
  const models = Array.from({ length: E2E_SEQUENCES }, (_, i) => `bench-e2e-${runId}-${i}`);
  for (const model of models) await createModel(registryUrl, model);
  const client = new Client({ connectionString: validatorDatabaseUrl });
  await client.connect();
  const probe = new ReadModelProbe(client);
  probe.start();
  try {
    const latencies: number[] = [];
    let started = 0;
    const register = async (model: string, version: number): Promise<number> => {
      const seen = probe.seen(model, version);
      const before = performance.now();
      const response = await fetch(`${registryUrl}/api/v1/models/${encodeURIComponent(model)}/versions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ source: 's3://bench/x' }),
      });
      const body = (await response.json()) as { version?: number };
      if (response.status !== 201 || body.version !== version)
        throw new Error(`e2e POST ${model} v${version}: HTTP ${response.status} ${JSON.stringify(body)}`);
      return (await withTimeout(seen, 30_000, `${model} v${version} in the validator`)) - before;
    };
    // One sequence per model, so each sequence knows the version it will get before it posts.
    const sequence = async (model: string) => {
      let version = 0;
      await register(model, ++version); // warm-up, untimed: first event of the model on its partition
      while (started < E2E_REGISTRATIONS) {
        started++;
        latencies.push(await register(model, ++version));
      }
    };
    await Promise.all(models.map(sequence));
    progress(
      `e2e: ${latencies.length} registrations, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`,
    );
    return { e2eKafkaP50Ms: round(percentile(latencies, 50)), e2eKafkaP99Ms: round(percentile(latencies, 99)) };
  } finally {
    await probe.stop();
    await client.end();
  }
}
