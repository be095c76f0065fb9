"""MLflow's default flow, unchanged, with Model Ledger as the model registry.

Usage: python sklearn_flow.py <registry url> <tracking uri> <model name> <resolved|client-side>
Trains two small scikit-learn models, logs each with `log_model(..., registered_model_name=...)`
(versions 1 and 2), points `@champion` at version 1 and loads `models:/<name>@champion` with
pyfunc: its predictions must be version 1's. The tracking store is whatever <tracking uri> says
(a local sqlite/file store, or a real `mlflow server`); only the registry is Model Ledger.
`resolved`: the registry was given this tracking server (MLFLOW_TRACKING_URI), so it records a
logged model's artifact location; `client-side`: it keeps the `models:/<model_id>` source.
Exits 1 at the first mismatch, naming the step; 0 when every step passed.
"""

import sys
import warnings

REGISTRY, TRACKING, NAME, MODE = sys.argv[1:5]
warnings.filterwarnings("ignore")

import mlflow  # noqa: E402
from compat_steps import eq, fail, run, step  # noqa: E402
import numpy as np  # noqa: E402
import requests  # noqa: E402
from mlflow import MlflowClient  # noqa: E402
from sklearn.datasets import load_iris  # noqa: E402
from sklearn.dummy import DummyClassifier  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

MLFLOW_3 = int(mlflow.__version__.split(".")[0]) >= 3


def log(model):
    """What the tutorials do; MLflow 3 names the model, 2.x gives an artifact path."""
    where = {"name": "model"} if MLFLOW_3 else {"artifact_path": "model"}
    with mlflow.start_run():
        return mlflow.sklearn.log_model(model, registered_model_name=NAME, **where)


def version_json(version):
    r = requests.get(f"{REGISTRY}/api/2.0/mlflow/model-versions/get", params={"name": NAME, "version": version})
    eq(r.status_code, 200, f"status of get version {version}")
    return r.json()["model_version"]


def check_logged_model(info, version):
    """MLflow 3 registers the logged model: source models:/<model_id> plus model_id."""
    client = MlflowClient()
    shown = version_json(version)
    eq((shown["source"], shown.get("model_id")), (f"models:/{info.model_id}", info.model_id), "source and model_id")
    artifact_location = client.get_logged_model(info.model_id).artifact_location
    expected = artifact_location if MODE == "resolved" else f"models:/{info.model_id}"
    eq(client.get_model_version_download_uri(NAME, version), expected, "download uri")
    if MODE == "resolved":
        eq(shown["run_id"], info.run_id, "run_id recorded from the logged model")


def main():
    print(f"mlflow {mlflow.__version__}: tracking {TRACKING}, registry {REGISTRY} ({MODE})", flush=True)
    mlflow.set_tracking_uri(TRACKING)
    mlflow.set_registry_uri(REGISTRY)
    X, y = load_iris(return_X_y=True)
    first = LogisticRegression(max_iter=500).fit(X, y)
    second = DummyClassifier(strategy="constant", constant=2).fit(X, y)
    if np.array_equal(first.predict(X), second.predict(X)):
        fail("the two models predict alike, so loading the wrong one would go unnoticed")

    step("log_model(registered_model_name=...) twice registers versions 1 and 2")
    infos = [log(first), log(second)]
    eq([str(info.registered_model_version) for info in infos], ["1", "2"], "registered versions")
    if MLFLOW_3:
        for n, info in enumerate(infos, start=1):
            check_logged_model(info, str(n))

    step("@champion points at version 1")
    client = MlflowClient()
    client.set_registered_model_alias(NAME, "champion", "1")
    eq(client.get_model_version_by_alias(NAME, "champion").version, "1", "champion")

    step("pyfunc.load_model('models:/<name>@champion') predicts as version 1")
    loaded = mlflow.pyfunc.load_model(f"models:/{NAME}@champion")
    eq(list(np.asarray(loaded.predict(X))), list(first.predict(X)), "champion's predictions")
    latest = mlflow.pyfunc.load_model(f"models:/{NAME}/2")
    eq(list(np.asarray(latest.predict(X))), list(second.predict(X)), "version 2's predictions")


if __name__ == "__main__":
    run(main, "the MLflow flow passed")
