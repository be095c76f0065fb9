import { cachedPythonVenv } from '@ledger/testing';

/**
 * The MLflow releases the compatibility suites prove, each pinned so a run proves one known
 * client; bump them deliberately. The full `mlflow` package (not mlflow-skinny): the flavours
 * (mlflow.sklearn), the sqlite tracking store and `mlflow server` are in it. 3.18.0 is on PyPI
 * but does not install yet (it needs an mlflow-tracing 3.18.0 that is not published).
 */
export const MLFLOW_3 = '3.17.2';
export const MLFLOW_2 = '2.22.5';
const SCIKIT_LEARN = 'scikit-learn==1.9.1';

/** MLflow 2.22's sqlite store imports a pool SQLAlchemy 2.1 removed; 2.22 declares no upper bound. */
const PINNED_WITH: Record<string, string[]> = { [MLFLOW_2]: ['sqlalchemy<2.1'] };

/** The requirements of one MLflow release's venv. */
export const mlflowRequirements = (version: string): string[] => [
  `mlflow==${version}`,
  SCIKIT_LEARN,
  ...(PINNED_WITH[version] ?? []),
];

/**
 * A Python virtualenv with one MLflow release, created once per machine under
 * `<root>/.cache/mlflow-<version>-venv` (see cachedPythonVenv), so the suite never reinstalls it.
 * Async: the registry under test runs in this same process and must keep serving while pip runs.
 */
export const mlflowPython = (root: string, version = MLFLOW_3): Promise<string> =>
  cachedPythonVenv(root, `mlflow-${version}`, mlflowRequirements(version));
