import { resolve } from 'node:path';
import { cachedPythonVenv } from '@ledger/testing';

const ROOT = resolve(__dirname, '..', '..');

/**
 * The peers' pins. scikit-learn is the version fixtures/onnx/expected.json records, in both venvs:
 * the model is trained once in MLflow's venv and its joblib must unpickle in MLServer's.
 * MLServer 1.7.1 cannot load a model under uvloop 0.23 (MLServer issue #2286), hence 0.21.0.
 */
export const SCIKIT_LEARN = 'scikit-learn==1.9.1';
export const MLFLOW_SERVE_REQUIREMENTS = ['mlflow==3.17.2', SCIKIT_LEARN];
export const MLSERVER_REQUIREMENTS = ['mlserver==1.7.1', 'mlserver-sklearn==1.7.1', 'uvloop==0.21.0', SCIKIT_LEARN];

export interface PeerPython {
  python: string;
  /** Wall time to get the venv: a build the first time on a machine, ~0 when cached. */
  seconds: number;
}

async function timed(name: string, requirements: string[]): Promise<PeerPython> {
  const started = performance.now();
  const python = await cachedPythonVenv(ROOT, name, requirements);
  return { python, seconds: (performance.now() - started) / 1000 };
}

/** Full MLflow (the sklearn flavour and `mlflow models serve`), under .cache/serving-mlflow-venv. */
export const mlflowServePython = (): Promise<PeerPython> => timed('serving-mlflow', MLFLOW_SERVE_REQUIREMENTS);

/** MLServer with its scikit-learn runtime, under .cache/serving-mlserver-venv. */
export const mlserverPython = (): Promise<PeerPython> => timed('serving-mlserver', MLSERVER_REQUIREMENTS);
