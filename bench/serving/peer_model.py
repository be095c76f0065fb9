"""The serving peers' model: the scikit-learn classifier behind fixtures/onnx/classifier.onnx,
re-trained by fixtures/onnx/make_models.py's own code (same data, same seed), saved for the two
servers users would pick instead of ours.

    python bench/serving/peer_model.py <out-dir>

writes
- <out-dir>/mlflow-model/                  an MLflow model (sklearn flavour) for `mlflow models serve`
- <out-dir>/mlserver/classifier/           model.joblib + model-settings.json for `mlserver start`
- <out-dir>/holdout-predictions.json       labels and P(churn) on churn_holdout.csv, which the bench
                                           compares with classifier.onnx run by onnxruntime-node

It fails unless the re-trained model's holdout metrics are expected.json's sklearnModelMetrics:
a different model would make the side-by-side meaningless. Runs in the MLflow peer's venv, which
has no ONNX tools: make_models.py's ONNX-only imports are stubbed, as only its data and training
code run here.
"""

import json
import pathlib
import sys
import types

import joblib
import numpy as np
import pandas as pd

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "onnx"
MODEL_NAME = "classifier"
TOLERANCE = 1e-9


def import_make_models():
    for name in ("onnx", "onnxruntime", "skl2onnx", "skl2onnx.common", "skl2onnx.common.data_types"):
        sys.modules.setdefault(name, types.ModuleType(name))
    sys.modules["skl2onnx"].convert_sklearn = None
    sys.modules["skl2onnx.common.data_types"].FloatTensorType = None
    # The graph builders for the faulty and slow fixtures: names only, never called here.
    for attribute in ("TensorProto", "helper", "numpy_helper"):
        setattr(sys.modules["onnx"], attribute, None)
    sys.path.insert(0, str(FIXTURES))
    import make_models

    return make_models


def train(mm):
    """build_classifiers' first draws and its `good` model, in its order (the seed's stream)."""
    rng = np.random.default_rng(mm.SEED)
    train_x = mm.churn_features(rng, mm.TRAIN_ROWS)
    y_train = mm.churn_labels(rng, train_x)
    model = mm.make_pipeline(mm.StandardScaler(), mm.LogisticRegression(max_iter=1000))
    return model.fit(train_x[mm.FEATURES].values, y_train)


def check_metrics(mm, model, holdout):
    expected = json.loads((FIXTURES / "expected.json").read_text())["models"]["classifier.onnx"]
    probabilities = model.predict_proba(holdout[mm.FEATURES].values)[:, 1]
    actual = mm.classification_metrics(holdout[expected["label"]].values, probabilities)
    for key, value in expected["sklearnModelMetrics"].items():
        if abs(actual[key] - value) > TOLERANCE:
            raise SystemExit(f"re-trained model differs from the fixture's: {key} {actual[key]} != {value}")
    return probabilities


def save_mlflow(mm, model, holdout, out):
    import mlflow.sklearn
    from mlflow.models import infer_signature

    # An array in, as the pipeline was fitted: a tensor signature [-1, 8], which MLflow's scoring
    # server takes as {"inputs": [[...]]} without building a DataFrame per request.
    example = holdout[mm.FEATURES].values[:5]
    signature = infer_signature(example, model.predict(example))
    mlflow.sklearn.save_model(model, str(out / "mlflow-model"), signature=signature, input_example=example)


def save_mlserver(model, out):
    folder = out / "mlserver" / MODEL_NAME
    folder.mkdir(parents=True)
    joblib.dump(model, folder / "model.joblib")
    settings = {
        "name": MODEL_NAME,
        "implementation": "mlserver_sklearn.SKLearnModel",
        "parameters": {"uri": "./model.joblib", "version": "v1"},
    }
    (folder / "model-settings.json").write_text(json.dumps(settings, indent=2) + "\n")


def main():
    out = pathlib.Path(sys.argv[1])
    mm = import_make_models()
    model = train(mm)
    holdout = pd.read_csv(FIXTURES / "churn_holdout.csv")
    probabilities = check_metrics(mm, model, holdout)
    labels = model.predict(holdout[mm.FEATURES].values)
    out.mkdir(parents=True, exist_ok=True)
    save_mlflow(mm, model, holdout, out)
    save_mlserver(model, out)
    predictions = {"labels": labels.tolist(), "probabilities": probabilities.tolist()}
    (out / "holdout-predictions.json").write_text(json.dumps(predictions))


if __name__ == "__main__":
    main()
