"""A model directory uploaded to Model Ledger, read back by the stock MLflow client.

Usage: python uploaded_flow.py <registry url> <tracking uri> <model name> <work dir>
Saves a small scikit-learn model with `mlflow.sklearn.save_model`, registers a version whose
declared source does not exist, uploads the directory (tar.gz) to the version's artifact, then the
client's own `download_artifacts("models:/<name>/1")` must give the saved files byte for byte and
`pyfunc.load_model("models:/<name>/1")` must predict as the model saved. Only the registry is
Model Ledger; get-download-uri sends the client to the registry's mlflow-artifacts routes.
Exits 1 at the first mismatch, naming the step; 0 when every step passed.
"""

import hashlib
import os
import sys
import tarfile
import warnings

REGISTRY, TRACKING, NAME, WORK = sys.argv[1:5]
warnings.filterwarnings("ignore")

import mlflow  # noqa: E402
import numpy as np  # noqa: E402
import requests  # noqa: E402
from compat_steps import eq, fail, run, step  # noqa: E402
from mlflow import MlflowClient  # noqa: E402
from sklearn.datasets import load_iris  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

# Added by MLflow's client to a downloaded registered model; not one of the uploaded files.
CLIENT_META = "registered_model_meta"


def files_under(root):
    found = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                found[os.path.relpath(path, root)] = f.read()
    return found


def upload(version, archive):
    with open(archive, "rb") as f:
        content = f.read()
    r = requests.put(
        f"{REGISTRY}/api/v1/models/{NAME}/versions/{version}/artifact",
        data=content,
        headers={"Content-Type": "application/octet-stream"},
    )
    eq(r.status_code, 201, f"upload status ({r.text})")
    eq(r.json()["sha256"], hashlib.sha256(content).hexdigest(), "sha256 of the upload")


def main():
    print(f"mlflow {mlflow.__version__}: tracking {TRACKING}, registry {REGISTRY}", flush=True)
    mlflow.set_tracking_uri(TRACKING)
    mlflow.set_registry_uri(REGISTRY)
    X, y = load_iris(return_X_y=True)
    model = LogisticRegression(max_iter=500).fit(X, y)
    saved = os.path.join(WORK, "saved-model")
    mlflow.sklearn.save_model(model, saved)
    archive = os.path.join(WORK, "model.tar.gz")
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(saved, arcname=".")

    step("register a version whose source does not exist and upload the model directory to it")
    client = MlflowClient()
    client.create_registered_model(NAME)
    version = client.create_model_version(NAME, source="s3://nowhere/not-uploaded-there").version
    upload(version, archive)

    step("get-download-uri answers the registry's mlflow-artifacts routes")
    uri = client.get_model_version_download_uri(NAME, version)
    if not uri.startswith(f"{REGISTRY}/api/2.0/mlflow-artifacts/artifacts/models/"):
        fail(f"download uri {uri!r} is not on the registry's artifact routes")

    step("download_artifacts('models:/<name>/<version>') gives the saved files byte for byte")
    dst = os.path.join(WORK, "downloaded")
    os.makedirs(dst)
    local = mlflow.artifacts.download_artifacts(artifact_uri=f"models:/{NAME}/{version}", dst_path=dst)
    downloaded = files_under(local)
    downloaded.pop(CLIENT_META, None)
    expected = files_under(saved)
    eq(sorted(downloaded), sorted(expected), "downloaded file names")
    for name, content in expected.items():
        eq(hashlib.sha256(downloaded[name]).hexdigest(), hashlib.sha256(content).hexdigest(), f"bytes of {name}")

    step("pyfunc.load_model('models:/<name>/<version>') predicts as the saved model")
    loaded = mlflow.pyfunc.load_model(f"models:/{NAME}/{version}")
    eq(list(np.asarray(loaded.predict(X))), list(model.predict(X)), "predictions")


if __name__ == "__main__":
    run(main, "the uploaded files flow passed")
