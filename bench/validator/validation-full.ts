import { Client } from 'pg';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createModel } from '../http';
import { runId } from '../infra';
import { round, sleep, withTimeout } from '../stats';

export const FULL_VERSIONS = 100;
export const FULL_CONNECTIONS = 4;
export const FULL_ROWS = 10_000;
const FIXTURES = resolve(__dirname, '..', '..', 'fixtures', 'onnx');
const JSON_HEADERS = { 'content-type': 'application/json' };

async function call(
  url: string,
  method: string,
  body: string | Buffer,
  headers: Record<string, string>,
): Promise<unknown> {
  const response = await fetch(url, { method, headers, body });
  if (response.status >= 300) throw new Error(`${method} ${url}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

/** The holdout repeated to 10,000 rows; reference and current: two seeded samples of 10,000 rows, no drift. */
function datasets(): Record<string, string> {
  const [header, ...rows] = readFileSync(join(FIXTURES, 'churn_holdout.csv'), 'utf8').trim().split('\n');
  const holdout = [header, ...Array.from({ length: FULL_ROWS }, (_, i) => rows[i % rows.length])].join('\n');
  const sample = (seed: number) => {
    let state = seed;
    const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const lines = Array.from({ length: FULL_ROWS }, () =>
      [next() * 100, next() * 50, next() * 10, Math.floor(next() * 24)].map((x) => x.toFixed(3)).join(','),
    );
    return ['tenure_months,monthly_charges,satisfaction,contract_months', ...lines].join('\n');
  };
  return { holdout: `${holdout}\n`, reference: `${sample(7)}\n`, current: `${sample(11)}\n` };
}

/**
 * Validations per minute with re-evaluation (the ONNX classifier on a 10,000-row holdout) and
 * drift (10,000 × 4 reference vs current): 100 versions of one model registered over 4 connections,
 * each declaring the same stored artifact, until every verdict is in.
 */
export async function benchFullValidation(
  registryUrl: string,
  validatorUrl: string,
  validatorDatabaseUrl: string,
): Promise<{ validationsPerMinFull: number }> {
  const model = `bench-full-${runId}`;
  const names = Object.fromEntries(Object.keys(datasets()).map((role) => [role, `bench-${role}-${runId}`]));
  for (const [role, body] of Object.entries(datasets()))
    await call(`${validatorUrl}/api/v1/datasets/${names[role]}/versions?format=csv`, 'POST', body, {
      'content-type': 'text/csv',
    });
  await createModel(registryUrl, model);
  const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));
  const signature = {
    inputs: (expected.models['classifier.onnx'].features as string[]).map((name) => ({ name, type: 'double' })),
    outputs: [],
  };
  await call(`${registryUrl}/api/v1/models/${model}/versions`, 'POST', JSON.stringify({ signature }), JSON_HEADERS);
  const onnx = readFileSync(join(FIXTURES, 'classifier.onnx'));
  const artifact = (await call(`${registryUrl}/api/v1/models/${model}/versions/1/artifact`, 'PUT', onnx, {
    'content-type': 'application/octet-stream',
  })) as { sha256: string; sizeBytes: number; uri: string };
  const checks = [
    {
      kind: 'reevaluation',
      dataset: { name: names.holdout },
      task: 'classification',
      label_column: 'churned',
      metrics: [{ metric: 'roc_auc', threshold: 0.7, greater_is_better: true }],
    },
    { kind: 'drift', reference: { name: names.reference }, current: { name: names.current } },
  ];
  await call(`${validatorUrl}/api/v1/validation-policies/${model}`, 'PUT', JSON.stringify({ checks }), JSON_HEADERS);
  const db = new Client({ connectionString: validatorDatabaseUrl });
  await db.connect();
  try {
    const verdicts = async () =>
      (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM validation_runs WHERE model_name = $1 AND version > 1 AND status IN ('passed', 'failed')`,
          [model],
        )
      ).rows[0].n;
    const body = JSON.stringify({ signature, artifact });
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: FULL_CONNECTIONS }, async () => {
        while (next++ < FULL_VERSIONS)
          await call(`${registryUrl}/api/v1/models/${model}/versions`, 'POST', body, JSON_HEADERS);
      }),
    );
    await withTimeout(
      (async () => {
        while ((await verdicts()) < FULL_VERSIONS) await sleep(50);
      })(),
      900_000,
      `${FULL_VERSIONS} full validations`,
    );
    const passed = (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM validation_runs WHERE model_name = $1 AND version > 1 AND status = 'passed'`,
        [model],
      )
    ).rows[0].n;
    if (passed !== FULL_VERSIONS) throw new Error(`only ${passed} of ${FULL_VERSIONS} full validations passed`);
    return { validationsPerMinFull: round(FULL_VERSIONS / ((performance.now() - started) / 60_000), 0) };
  } finally {
    await db.end();
  }
}
