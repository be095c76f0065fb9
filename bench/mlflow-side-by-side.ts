// Issue 3, side by side: a real MLflow server on this machine (SQLite backend, then PostgreSQL on
// the bench's server) and the registry's MLflow-compatible API, driven with the same load:
// POST /api/2.0/mlflow/model-versions/create on one pre-created model, then the first page of
// model-versions/search on that model. Skipped with BENCH_SKIP_MLFLOW=1.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { ensureDatabase } from '@ledger/eventstore';
import { freePort } from '@ledger/platform';
import { databaseUrl, runId } from './infra';
import { drainModel } from './e2e';
import { measureSearch, SEARCH_CONCURRENCY, SEARCH_PAGE, SEARCH_REQUESTS } from './search';
import { startPythonServer } from './serving/python-server';
import { progress, round } from './stats';

export const MLFLOW_VERSION = '3.17.2';
const REQUIREMENTS = [`mlflow==${MLFLOW_VERSION}`, 'psycopg2-binary'];
export const SIDE_BY_SIDE_CONNECTIONS = 32;
export const SIDE_BY_SIDE_SECONDS = 10;
const MLFLOW_WORKERS = 1;
const HEADERS = { 'content-type': 'application/json' };
const ROOT = resolve(__dirname, '..');
const run = promisify(execFile);

/**
 * A venv with the MLflow server under .cache/mlflow-server-venv, reused while its marker names
 * the same requirements; built aside and renamed into place, so a killed build is never reused.
 * Its console scripts keep the build path in their shebang, so everything runs as `python -m`.
 */
async function mlflowServerPython(): Promise<string> {
  const dir = join(ROOT, '.cache', 'mlflow-server-venv');
  const marker = join(dir, '.requirement');
  const wanted = REQUIREMENTS.join(' ');
  const python = join(dir, 'bin', 'python');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return python;
  const building = `${dir}.building-${process.pid}-${randomBytes(3).toString('hex')}`;
  progress(`mlflow: building ${dir} (${wanted}), once per machine`);
  try {
    await run('python3', ['-m', 'venv', building], { timeout: 120_000 });
    await run(
      join(building, 'bin', 'python'),
      ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...REQUIREMENTS],
      {
        timeout: 10 * 60_000,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    writeFileSync(join(building, '.requirement'), wanted);
    rmSync(dir, { recursive: true, force: true });
    renameSync(building, dir);
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return python;
}

interface MlflowServer {
  url: string;
  stop(): Promise<void>;
}

/** `mlflow server` in its own process group (it forks uvicorn and a job runner); stop() ends the whole group. */
async function startMlflowServer(
  python: string,
  backendStoreUri: string,
  workDir: string,
  label: string,
): Promise<MlflowServer> {
  const port = await freePort();
  const args = [
    '-m',
    'mlflow',
    'server',
    '--backend-store-uri',
    backendStoreUri,
    '--default-artifact-root',
    join(workDir, `${label}-artifacts`),
  ];
  args.push('--host', '127.0.0.1', '--port', String(port), '--workers', String(MLFLOW_WORKERS));
  const url = `http://127.0.0.1:${port}`;
  // The first start on an empty store runs its migrations before it answers /health.
  const server = await startPythonServer({
    python,
    args,
    cwd: workDir,
    log: join(workDir, `${label}.log`),
    readyUrl: `${url}/health`,
    label: `mlflow: ${label} server on ${url}`,
  });
  return { url, stop: server.stop };
}

async function createRegisteredModel(baseUrl: string, name: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/2.0/mlflow/registered-models/create`, {
    method: 'POST',
    headers: HEADERS,
    body: JSON.stringify({ name }),
  });
  if (response.status !== 200)
    throw new Error(`registered-models/create ${name} on ${baseUrl}: HTTP ${response.status} ${await response.text()}`);
}

interface SideResult {
  createReqPerSec: number;
  createP50Ms: number;
  createP99Ms: number;
  createErrors: number;
  versionsCreated: number;
  searchP50Ms: number;
  searchP95Ms: number;
  searchErrors: number;
}

/**
 * The same load on any MLflow-API server: create versions of one model, then search its first
 * page. `settle` runs between the two: a server with work still in flight after answering
 * (ours: relay and validator) finishes it first, so the search is not timed against it.
 */
async function driveMlflowApi(
  baseUrl: string,
  label: string,
  settle?: (model: string, created: number) => Promise<void>,
): Promise<SideResult> {
  const model = `bench-mlflow-${runId}-${label}`;
  await createRegisteredModel(baseUrl, model);
  const result = await autocannon({
    url: baseUrl,
    connections: SIDE_BY_SIDE_CONNECTIONS,
    duration: SIDE_BY_SIDE_SECONDS,
    timeout: 10,
    setupClient: (client) =>
      client.setRequests([
        {
          method: 'POST',
          path: '/api/2.0/mlflow/model-versions/create',
          headers: HEADERS,
          body: JSON.stringify({ name: model, source: 's3://bench/x' }),
        },
      ]),
  });
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]),
  );
  const ok = result['2xx'] ?? 0;
  progress(
    `mlflow api (${label}): ${result.requests.total} responses in ${result.duration}s, ${ok} created, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
      `status ${JSON.stringify(statusCodes)}, errors ${result.errors} (timeouts ${result.timeouts})`,
  );
  if (ok === 0) throw new Error(`model-versions/create on ${label}: no version created ${JSON.stringify(statusCodes)}`);
  await settle?.(model, ok);
  const search = await measureSearch(baseUrl, model, label);
  return {
    // Versions actually created per second: an error answer is not a registered version.
    createReqPerSec: round(ok / result.duration, 0),
    createP50Ms: result.latency.p50,
    createP99Ms: result.latency.p99,
    createErrors: result.non2xx + result.errors,
    versionsCreated: ok,
    searchP50Ms: search.p50Ms,
    searchP95Ms: search.p95Ms,
    searchErrors: search.errors,
  };
}

function keys(prefix: string, side: SideResult): Record<string, number> {
  return {
    [`${prefix}CreateVersionReqPerSec`]: side.createReqPerSec,
    [`${prefix}CreateVersionP50Ms`]: side.createP50Ms,
    [`${prefix}CreateVersionP99Ms`]: side.createP99Ms,
    [`${prefix}CreateVersionErrors`]: side.createErrors,
    [`${prefix}SearchP50Ms`]: side.searchP50Ms,
    [`${prefix}SearchP95Ms`]: side.searchP95Ms,
    [`${prefix}SearchErrors`]: side.searchErrors,
    [`${prefix}SearchModelVersions`]: side.versionsCreated,
  };
}

/** One MLflow server: start, drive, always stop. */
async function mlflowSide(
  python: string,
  backendStoreUri: string,
  workDir: string,
  label: string,
): Promise<SideResult> {
  const server = await startMlflowServer(python, backendStoreUri, workDir, label);
  try {
    return await driveMlflowApi(server.url, label);
  } finally {
    await server.stop();
  }
}

/**
 * MLflow on SQLite, MLflow on PostgreSQL (a fresh database on the bench's server), then the
 * registry (already running) through its MLflow-compatible API. A failing MLflow server is
 * reported (mlflowSkipped / mlflowPgSkipped) instead of losing the whole run.
 */
export async function benchMlflowSideBySide(
  registryUrl: string,
  postgresUrl: string,
  validatorDatabaseUrl: string,
): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {};
  const workDir = mkdtempSync(join(tmpdir(), 'bench-mlflow-'));
  try {
    const python = await mlflowServerPython();
    try {
      const sqlite = await mlflowSide(python, `sqlite:///${join(workDir, 'mlflow.db')}`, workDir, 'sqlite');
      Object.assign(result, keys('mlflow', sqlite));
    } catch (error) {
      progress(`mlflow (sqlite) failed: ${error}`);
      result.mlflowSkipped = String(error);
    }
    try {
      const pgUrl = databaseUrl(postgresUrl, `bench_${runId}_mlflow`);
      await ensureDatabase(pgUrl);
      const pg = await mlflowSide(
        python,
        pgUrl.replace(/^postgres(ql)?:/, 'postgresql+psycopg2:'),
        workDir,
        'postgres',
      );
      Object.assign(result, keys('mlflowPg', pg));
    } catch (error) {
      progress(`mlflow (postgres) failed: ${error}`);
      result.mlflowPgSkipped = String(error);
    }
  } catch (error) {
    progress(`mlflow: no server venv: ${error}`);
    result.mlflowSkipped = String(error);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const ours = await driveMlflowApi(registryUrl, 'ledger', async (model, created) => {
    result.ledgerMlflowApiSettleMs = round(await drainModel(validatorDatabaseUrl, model, created), 0);
  });
  Object.assign(result, keys('ledgerMlflowApi', ours));
  const ratios = (prefix: string, theirs: string) => {
    const create = result[`${theirs}CreateVersionReqPerSec`];
    const search = result[`${theirs}SearchP95Ms`];
    if (typeof create === 'number' && create > 0)
      result[`createVersionVs${prefix}`] = round(ours.createReqPerSec / create, 2);
    if (typeof search === 'number') result[`searchVs${prefix}`] = round(search / ours.searchP95Ms, 2);
  };
  ratios('Mlflow', 'mlflow');
  ratios('MlflowPg', 'mlflowPg');
  result.mlflow = `mlflow ${MLFLOW_VERSION} (pip, Python venv), mlflow server --workers ${MLFLOW_WORKERS} (uvicorn), backend sqlite (file in a tmp dir); mlflowPg*: the same server on PostgreSQL (psycopg2-binary, fresh database on the bench's PostgreSQL)`;
  return result;
}

export const MLFLOW_NOTE =
  `mlflow side by side: each server (MLflow on SQLite, MLflow on PostgreSQL, then this registry through its MLflow-compatible API) gets one registered model (registered-models/create), ` +
  `then autocannon ${SIDE_BY_SIDE_CONNECTIONS} connections for ${SIDE_BY_SIDE_SECONDS}s (no warm-up) POST /api/2.0/mlflow/model-versions/create {"name": <model>, "source": "s3://bench/x"} on that one model; ` +
  `*CreateVersionReqPerSec counts created versions (2xx) per second; then ${SEARCH_REQUESTS} GET model-versions/search?filter=name='<model>'&max_results=${SEARCH_PAGE} over ${SEARCH_CONCURRENCY} clients on the versions just created (*SearchModelVersions of them). ` +
  'createVersionVsMlflow = ours / theirs (throughput); searchVsMlflow = their p95 / our p95 (> 1: we are faster). The MLflow server runs one at a time while the platform idles; the registry runs as in the rest of the bench (Kafka bus, validator consuming); ' +
  'before our search, the validator finishes projecting the versions just created (ledgerMlflowApiSettleMs), so the search is not timed against that catch-up — MLflow has no such work.';
