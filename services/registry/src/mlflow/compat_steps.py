"""How the MLflow client scripts report: each names its step; the first mismatch names it and exits 1."""

import sys

_current = {"step": "setup"}


def step(name):
    _current["step"] = name
    print(f"- {name}", flush=True)


def fail(message):
    print(f"MISMATCH in step '{_current['step']}': {message}", flush=True)
    sys.exit(1)


def eq(actual, expected, what):
    if actual != expected:
        fail(f"{what}: expected {expected!r}, got {actual!r}")


def run(main, closing):
    """Runs the script's steps; any client failure is the current step's mismatch, success prints `closing`."""
    try:
        main()
    except Exception as e:  # noqa: BLE001 - report any client failure as the step's mismatch
        fail(f"{type(e).__name__}: {e}")
    print(closing, flush=True)
