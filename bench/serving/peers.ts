// Issue 9, side by side: the servers users would pick instead of ours, on the same model
// (fixtures/onnx/classifier.onnx re-trained in scikit-learn, see peer-model.ts) under the same
// load (load.ts): `mlflow models serve` (pyfunc) and MLServer with its scikit-learn runtime (OIP v2).
// Runnable alone: node scripts/run-ts.js bench/serving/peers.ts
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@ledger/platform';
import { progress as benchProgress, round } from '../stats';
import {
  measureServingEndpoint,
  SERVING_CONNECTIONS,
  SERVING_SECONDS,
  SERVING_WARMUP_SECONDS,
  ServingLoad,
} from './load';
import { PeerModel, preparePeerModel } from './peer-model';
import { mlflowBody, oipV2Body } from './protocols';
import { startPythonServer, whileRunning } from './python-server';
import { MLFLOW_SERVE_REQUIREMENTS, mlflowServePython, MLSERVER_REQUIREMENTS, mlserverPython } from './venvs';

export { measureServingEndpoint } from './load';

/** The machine has 2 cores: one uvicorn worker per core. */
export const MLFLOW_SERVE_WORKERS = 2;

export interface ServingPeers {
  mlflowServePerSec?: number;
  mlflowServeP99Ms?: number;
  mlserverPerSec?: number;
  mlserverP99Ms?: number;
  /** Why a peer has no numbers (it failed to build, start, or answered wrong). */
  mlflowServeSkipped?: string;
  mlserverSkipped?: string;
  /** Average cores per process group during each load: `otherProcesses` > 0 means the machine was shared. */
  cpuCores: { mlflowServe?: Record<string, number>; mlserver?: Record<string, number> };
  /** Seconds to get each venv: a build the first time on a machine, then the cached one. */
  venvSeconds: { mlflowServe?: number; mlserver?: number };
  text: string;
}

type Progress = (line: string) => void;

/** Builds (or reuses) the venvs, trains the shared model, then measures each peer alone. */
export async function measureServingPeers(progress: Progress = benchProgress): Promise<ServingPeers> {
  const result: ServingPeers = { venvSeconds: {}, cpuCores: {}, text: SERVING_PEERS_NOTE };
  const dir = mkdtempSync(join(tmpdir(), 'bench-serving-peers-'));
  try {
    progress('serving peers: venvs (built once per machine, then reused)');
    const [mlflow, mlserver] = await Promise.allSettled([mlflowServePython(), mlserverPython()]);
    if (mlflow.status === 'rejected') {
      result.mlflowServeSkipped = `no venv: ${mlflow.reason}`;
      result.mlserverSkipped = 'no model: it is trained in the MLflow venv';
      return result;
    }
    result.venvSeconds.mlflowServe = round(mlflow.value.seconds, 1);
    progress(`serving peers: training the classifier in scikit-learn, checking it against classifier.onnx`);
    const model = await preparePeerModel(mlflow.value.python, join(dir, 'model'));
    record(result, 'mlflowServe', await attempt(() => measureMlflowServe(mlflow.value.python, model, dir), progress));
    if (mlserver.status === 'rejected') result.mlserverSkipped = `no venv: ${mlserver.reason}`;
    else {
      result.venvSeconds.mlserver = round(mlserver.value.seconds, 1);
      record(result, 'mlserver', await attempt(() => measureMlserver(mlserver.value.python, model, dir), progress));
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Outcome = ServingLoad | { skipped: string };

function record(result: ServingPeers, peer: 'mlflowServe' | 'mlserver', outcome: Outcome): void {
  if ('skipped' in outcome) {
    result[`${peer}Skipped`] = outcome.skipped;
    return;
  }
  result[`${peer}PerSec`] = outcome.perSec;
  result[`${peer}P99Ms`] = outcome.p99Ms;
  result.cpuCores[peer] = outcome.cpu;
}

/** A peer that fails to start or answers wrong is reported, not fatal: the other still runs. */
async function attempt(measure: () => Promise<ServingLoad>, progress: Progress): Promise<Outcome> {
  try {
    return await measure();
  } catch (error) {
    progress(`serving peers: ${error}`);
    return { skipped: String(error) };
  }
}

/**
 * `mlflow models serve --env-manager local` execs `uvicorn` from PATH; the venv's own console
 * script names the folder it was built in (venvs are built aside, then renamed), so a shim runs
 * `python -m uvicorn` instead.
 */
function uvicornShim(python: string, dir: string): string {
  const bin = join(dir, 'shim-bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'uvicorn'), `#!/bin/sh\nexec '${python}' -m uvicorn "$@"\n`);
  chmodSync(join(bin, 'uvicorn'), 0o755);
  return bin;
}

async function measureMlflowServe(python: string, model: PeerModel, dir: string): Promise<ServingLoad> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = ['-m', 'mlflow', 'models', 'serve', '-m', model.mlflowModelDir, '--env-manager', 'local'];
  args.push('--host', '127.0.0.1', '--port', String(port), '--workers', String(MLFLOW_SERVE_WORKERS));
  const server = await startPythonServer({
    python,
    args,
    cwd: dir,
    log: join(dir, 'mlflow-serve.log'),
    readyUrl: `${url}/health`,
    label: `mlflow models serve (${MLFLOW_SERVE_WORKERS} workers) on ${url}`,
    env: { PATH: `${uvicornShim(python, dir)}:${process.env.PATH ?? ''}` },
  });
  return whileRunning(server, () =>
    measureServingEndpoint(`${url}/invocations`, 'mlflow', mlflowBody(model.row), {
      expectedLabel: model.expectedLabel,
      label: 'mlflow models serve',
    }),
  );
}

/** MLServer on its defaults, but for the ports: gRPC and metrics listen too, so each gets a free one. */
async function measureMlserver(python: string, model: PeerModel, dir: string): Promise<ServingLoad> {
  const [http, grpc, metrics] = [await freePort(), await freePort(), await freePort()];
  const url = `http://127.0.0.1:${http}`;
  const modelUrl = `${url}/v2/models/${model.mlserverModelName}`;
  const server = await startPythonServer({
    python,
    args: ['-m', 'mlserver.cli.main', 'start', model.mlserverRepository],
    cwd: dir, // MLServer keeps .envs and .metrics in its working directory
    log: join(dir, 'mlserver.log'),
    readyUrl: `${modelUrl}/ready`,
    label: `mlserver on ${url}`,
    env: {
      MLSERVER_HOST: '127.0.0.1',
      MLSERVER_HTTP_PORT: String(http),
      MLSERVER_GRPC_PORT: String(grpc),
      MLSERVER_METRICS_PORT: String(metrics),
    },
  });
  return whileRunning(server, () =>
    measureServingEndpoint(`${modelUrl}/infer`, 'oip-v2', oipV2Body(model.row), {
      expectedLabel: model.expectedLabel,
      label: 'mlserver',
    }),
  );
}

export const SERVING_PEERS_NOTE =
  `serving peers: the scikit-learn pipeline behind fixtures/onnx/classifier.onnx (StandardScaler + LogisticRegression), re-trained by make_models.py's own code (same data, same seed) in bench/serving/peer_model.py; ` +
  `its holdout metrics must equal expected.json's sklearnModelMetrics and its 1,000 holdout labels those of classifier.onnx (onnxruntime-node) before any load. ` +
  `mlflowServe*: ${MLFLOW_SERVE_REQUIREMENTS.join(' ')}, \`mlflow models serve --env-manager local --workers ${MLFLOW_SERVE_WORKERS}\` (its default is 1; 2 = the machine's 2 cores), sklearn flavour saved with skops, ` +
  `a tensor signature float64 [-1, 8] (the pipeline was fitted on arrays), POST /invocations {"inputs": [[one holdout row]]} ` +
  `(a spot check with a column signature and {"dataframe_split": …} answered about 4x fewer requests per second). ` +
  `mlserver*: ${MLSERVER_REQUIREMENTS.join(' ')} (uvloop pinned: 1.7.1 cannot load models under 0.23), \`mlserver start\` on its defaults: parallel_workers 1 (one inference worker process beside the single uvicorn HTTP process), adaptive batching off (max_batch_size 0), debug on, gRPC and metrics servers up on their own ports; ` +
  `model.joblib + model-settings.json (mlserver_sklearn.SKLearnModel), POST /v2/models/classifier/infer {"inputs": [{"name": "float_input", "shape": [1, 8], "datatype": "FP32", "data": [one holdout row]}]}. ` +
  `Load, the same for every server (ours too): autocannon ${SERVING_CONNECTIONS} connections, ${SERVING_WARMUP_SECONDS}s warm-up then ${SERVING_SECONDS}s measured, one request = one row (holdout row 0); ` +
  `*PerSec = 2xx answers per second; one answer in 16 is parsed and must hold classifier.onnx's class for that row (a server answering wrong gets no number). ` +
  `Each server runs alone on the machine's 2 cores, with the load generator on the same cores.`;

if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  // Exiting runs the 'exit' hooks that kill the servers' process groups; a bare signal would not.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  measureServingPeers().then(
    (peers) => {
      console.log(JSON.stringify(peers, null, 2));
      process.exit(0);
    },
    (error) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
