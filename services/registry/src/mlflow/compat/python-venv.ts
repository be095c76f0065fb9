import { cachedPythonVenv } from '@ledger/testing';

/** Pinned so the compatibility suite proves one known client; bump it deliberately. */
export const MLFLOW_CLIENT_REQUIREMENT = 'mlflow-skinny==3.17.2';

/**
 * A Python virtualenv with the MLflow client, created once per machine under
 * `<root>/.cache/mlflow-venv` (see cachedPythonVenv), so the suite never reinstalls it. Async:
 * the registry under test runs in this same process and must keep serving while pip runs.
 */
export const mlflowPython = (root: string): Promise<string> =>
  cachedPythonVenv(root, 'mlflow', [MLFLOW_CLIENT_REQUIREMENT]);
