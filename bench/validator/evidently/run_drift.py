"""Evidently's DataDriftPreset on two files, for the validator's side-by-side drift bench.

Usage: python run_drift.py REFERENCE CURRENT NUMERICAL CATEGORICAL
  REFERENCE, CURRENT   .parquet or .csv files with the same columns
  NUMERICAL            comma-separated numerical column names (declared, so Evidently infers nothing)
  CATEGORICAL          comma-separated categorical column names
Prints one JSON object: per-column {method, score, threshold}, the drifted count and share, and the
wall time in seconds of loading both files plus the report (seconds) and of the report alone.
"""

import json
import sys
import time

import pandas as pd
from evidently import DataDefinition, Dataset, Report
from evidently.presets import DataDriftPreset

METHODS = {
    "K-S p_value": "ks",
    "Wasserstein distance (normed)": "wasserstein",
    "chi-square p_value": "chisquare",
    "Z-test p_value": "z",
    "Jensen-Shannon distance": "jensenshannon",
    "PSI": "psi",
}


def load(path: str) -> pd.DataFrame:
    return pd.read_parquet(path) if path.endswith(".parquet") else pd.read_csv(path)


def main() -> None:
    reference_path, current_path, numerical, categorical = sys.argv[1:5]
    numerical_columns = [c for c in numerical.split(",") if c]
    categorical_columns = [c for c in categorical.split(",") if c]
    started = time.perf_counter()
    reference, current = load(reference_path), load(current_path)
    loaded = time.perf_counter()
    definition = DataDefinition(numerical_columns=numerical_columns, categorical_columns=categorical_columns)
    snapshot = Report([DataDriftPreset()]).run(
        Dataset.from_pandas(current, data_definition=definition),
        Dataset.from_pandas(reference, data_definition=definition),
    )
    finished = time.perf_counter()
    columns, summary = {}, {}
    for metric in snapshot.dict()["metrics"]:
        config = metric["config"]
        if config["type"].endswith("ValueDrift"):
            columns[config["column"]] = {
                "method": METHODS.get(config["method"], config["method"]),
                "score": metric["value"],
                "threshold": config["threshold"],
            }
        elif config["type"].endswith("DriftedColumnsCount"):
            summary = {"driftedColumns": metric["value"]["count"], "share": metric["value"]["share"]}
    print(
        json.dumps(
            {
                "columns": columns,
                "summary": summary,
                "seconds": finished - started,
                "reportSeconds": finished - loaded,
            }
        )
    )


if __name__ == "__main__":
    main()
