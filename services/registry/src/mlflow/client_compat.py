"""Drives the real MLflow client against Model Ledger's MLflow-compatible REST layer.

Usage: python client_compat.py <registry base url> [part ...]
Runs every part in order, or only the parts named (a later part relies on what the earlier
ones created, so a run may continue another's on the same registry). Credentials come the way
MLflow users give them: MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD (Basic) or
MLFLOW_TRACKING_TOKEN (Bearer); the raw HTTP steps send the same. The part `unauthenticated`
checks that a client without credentials is refused.
Exits 1 at the first mismatch, naming the step and what differed; 0 when every step passed.
"""

import os
import sys
import warnings

URL = sys.argv[1].rstrip("/")
# Everything the client does must reach the registry: no local ./mlruns, no other server.
os.environ["MLFLOW_TRACKING_URI"] = URL
os.environ["MLFLOW_REGISTRY_URI"] = URL
warnings.filterwarnings("ignore")

import mlflow  # noqa: E402
from compat_steps import eq, fail, step  # noqa: E402
import requests  # noqa: E402
from mlflow import MlflowClient  # noqa: E402
from mlflow.exceptions import MlflowException  # noqa: E402
from mlflow.store.artifact.models_artifact_repo import ModelsArtifactRepository  # noqa: E402

mlflow.set_tracking_uri(URL)
mlflow.set_registry_uri(URL)
client = MlflowClient(tracking_uri=URL, registry_uri=URL)


def raw_session():
    """Plain requests with the credentials the MLflow client takes from the environment."""
    session = requests.Session()
    if os.environ.get("MLFLOW_TRACKING_USERNAME"):
        session.auth = (os.environ["MLFLOW_TRACKING_USERNAME"], os.environ.get("MLFLOW_TRACKING_PASSWORD", ""))
    elif os.environ.get("MLFLOW_TRACKING_TOKEN"):
        session.headers["Authorization"] = f"Bearer {os.environ['MLFLOW_TRACKING_TOKEN']}"
    return session


http = raw_session()


def expect_error(call, error_code, what):
    try:
        call()
    except MlflowException as e:
        eq(e.error_code, error_code, f"{what} error_code (message: {e.message})")
        return e
    fail(f"{what}: expected {error_code}, but the call succeeded")


def versions_of(models):
    return [(mv.name, mv.version) for mv in models]


def all_pages(search, **kwargs):
    pages, token = [], None
    while True:
        page = search(page_token=token, **kwargs)
        pages.append(list(page))
        token = page.token
        if not token:
            return pages
        if len(pages) > 50:
            fail("paging never ends")


def registered_models():
    step("create a registered model with tags and a description")
    m = client.create_registered_model("churn", tags={"team": "growth"}, description="predicts churn")
    eq(m.name, "churn", "name")
    eq(m.description, "predicts churn", "description")
    eq(m.tags, {"team": "growth"}, "tags")
    if not (isinstance(m.creation_timestamp, int) and m.creation_timestamp > 1_600_000_000_000):
        fail(f"creation_timestamp is not epoch milliseconds: {m.creation_timestamp!r}")

    step("a duplicate name is RESOURCE_ALREADY_EXISTS")
    expect_error(lambda: client.create_registered_model("churn"), "RESOURCE_ALREADY_EXISTS", "duplicate create")

    step("get, and an unknown model is RESOURCE_DOES_NOT_EXIST")
    eq(client.get_registered_model("churn").tags, {"team": "growth"}, "tags after get")
    expect_error(lambda: client.get_registered_model("nope"), "RESOURCE_DOES_NOT_EXIST", "get unknown")

    step("update the description")
    eq(client.update_registered_model("churn", description="who leaves").description, "who leaves", "updated description")
    eq(client.get_registered_model("churn").description, "who leaves", "description after get")

    step("set and delete model tags")
    client.set_registered_model_tag("churn", "owner", "alice")
    client.delete_registered_model_tag("churn", "team")
    eq(client.get_registered_model("churn").tags, {"owner": "alice"}, "tags")

    step("rename there and back")
    client.rename_registered_model("churn", "attrition")
    expect_error(lambda: client.get_registered_model("churn"), "RESOURCE_DOES_NOT_EXIST", "old name")
    eq(client.get_registered_model("attrition").tags, {"owner": "alice"}, "renamed keeps tags")
    client.rename_registered_model("attrition", "churn")


def model_versions():
    step("create versions with every MLflow field")
    v1 = client.create_model_version(
        "churn", "s3://models/churn/1", run_id="run-1", tags={"k": "v"}, run_link="http://ci/1", description="first"
    )
    eq((v1.name, v1.version, v1.status, v1.current_stage), ("churn", "1", "READY", "None"), "version 1")
    eq((v1.source, v1.run_id, v1.run_link, v1.description, v1.tags), ("s3://models/churn/1", "run-1", "http://ci/1", "first", {"k": "v"}), "fields")

    step("mlflow.register_model on an existing model proceeds to a new version")
    v2 = mlflow.register_model("s3://models/churn/2", "churn")
    eq((v2.name, v2.version, v2.status), ("churn", "2", "READY"), "registered version")

    step("mlflow.register_model on a new model creates it")
    fresh = mlflow.register_model("s3://models/fresh/1", "fresh")
    eq((fresh.name, fresh.version), ("fresh", "1"), "fresh version")
    eq(client.get_registered_model("fresh").name, "fresh", "fresh model")

    for n in (3, 4):
        client.create_model_version("churn", f"s3://models/churn/{n}", run_id=f"run-{n}")

    step("get, update, tag a version; unknown versions are RESOURCE_DOES_NOT_EXIST")
    eq(client.get_model_version("churn", "1").source, "s3://models/churn/1", "get source")
    expect_error(lambda: client.get_model_version("churn", "99"), "RESOURCE_DOES_NOT_EXIST", "unknown version")
    eq(client.update_model_version("churn", "1", description="updated").description, "updated", "updated")
    client.set_model_version_tag("churn", "1", "validated", "true")
    client.delete_model_version_tag("churn", "1", "k")
    eq(client.get_model_version("churn", "1").tags, {"validated": "true"}, "version tags")

    step("stage transitions, archiving the others")
    client.transition_model_version_stage("churn", "1", "Production")
    mv = client.transition_model_version_stage("churn", "2", "production", archive_existing_versions=True)
    eq(mv.current_stage, "Production", "canonical stage")
    eq(client.get_model_version("churn", "1").current_stage, "Archived", "archived version 1")
    client.transition_model_version_stage("churn", "3", "Staging")

    step("latest versions per stage")
    eq(versions_of(client.get_latest_versions("churn", stages=["Production"])), [("churn", "2")], "latest Production")
    eq(sorted(v.version for v in client.get_latest_versions("churn", stages=["Staging", "Production"])), ["2", "3"], "latest two stages")
    latest = {v.current_stage: v.version for v in client.get_latest_versions("churn")}
    eq(latest, {"Archived": "1", "Production": "2", "Staging": "3", "None": "4"}, "latest every stage")
    model = client.get_registered_model("churn")
    eq(sorted(v.version for v in model.latest_versions), ["1", "2", "3", "4"], "latest_versions on the model")


def aliases():
    step("set, get and delete an alias")
    client.set_registered_model_alias("churn", "champion", "2")
    mv = client.get_model_version_by_alias("churn", "champion")
    eq((mv.version, mv.aliases), ("2", ["champion"]), "version by alias")
    eq(client.get_registered_model("churn").aliases, {"champion": "2"}, "model aliases")
    client.set_registered_model_alias("churn", "challenger", "3")
    client.delete_registered_model_alias("churn", "challenger")
    # MLflow answers an alias that is not set with INVALID_PARAMETER_VALUE (400), and a delete of one as a no-op.
    expect_error(lambda: client.get_model_version_by_alias("churn", "challenger"), "INVALID_PARAMETER_VALUE", "deleted alias")
    client.delete_registered_model_alias("churn", "challenger")
    newest = str(max(int(v.version) for v in client.get_latest_versions("churn")))
    eq(client.get_model_version_by_alias("churn", "latest").version, newest, "@latest is the newest version")
    expect_error(lambda: client.set_registered_model_alias("churn", "latest", "1"), "INVALID_PARAMETER_VALUE", "reserved alias")


def model_uris():
    step("models:/ URIs resolve through the client")
    eq(client.get_model_version_download_uri("churn", "1"), "s3://models/churn/1", "download uri")
    for uri, source in [
        ("models:/churn/1", "s3://models/churn/1"),
        ("models:/churn@champion", "s3://models/churn/2"),
        ("models:/churn/Production", "s3://models/churn/2"),
        ("models:/churn/Staging", "s3://models/churn/3"),
    ]:
        eq(ModelsArtifactRepository.get_underlying_uri(uri), source, uri)


def searches():
    step("search registered models with a filter, order and paging")
    for name in ("search-a", "search-b", "search-c"):
        client.create_registered_model(name, tags={"kind": "search"})
    pages = all_pages(client.search_registered_models, filter_string="name LIKE 'search-%'", max_results=2, order_by=["name DESC"])
    eq([[m.name for m in page] for page in pages], [["search-c", "search-b"], ["search-a"]], "model pages")
    eq([m.name for m in client.search_registered_models(filter_string="tags.kind = 'search' AND name != 'search-b'")], ["search-a", "search-c"], "tag filter")
    names = [m.name for m in client.search_registered_models()]
    eq(sorted(names), ["churn", "fresh", "search-a", "search-b", "search-c"], "every model")

    step("search model versions with a filter, order and paging")
    pages = all_pages(client.search_model_versions, filter_string="name = 'churn'", max_results=3, order_by=["version_number ASC"])
    eq([[v.version for v in page] for page in pages], [["1", "2", "3"], ["4"]], "version pages")
    eq(versions_of(client.search_model_versions("run_id = 'run-3'")), [("churn", "3")], "run_id filter")
    found = client.search_model_versions("name = 'churn' AND version_number >= 3 AND run_id IN ('run-3', 'run-4')", order_by=["version_number DESC"])
    eq(versions_of(found), [("churn", "4"), ("churn", "3")], "numeric and IN filter")
    eq(sorted(m.name for m in client.search_registered_models(filter_string="name IN ('search-a', 'search-c', 'nobody')")), ["search-a", "search-c"], "name IN")
    found = client.search_model_versions("name = 'churn' AND run_id NOT IN ('run-3', 'run-4')", order_by=["version_number ASC"])
    eq([v.version for v in found], ["1", "2"], "run_id NOT IN")

    step("an invalid filter is INVALID_PARAMETER_VALUE")
    expect_error(lambda: client.search_model_versions("bogus = 'x'"), "INVALID_PARAMETER_VALUE", "bad filter")
    expect_error(lambda: client.search_registered_models(max_results=0), "INVALID_PARAMETER_VALUE", "bad max_results")


def copies():
    step("copy_model_version: the copy keeps its models:/ source and resolves to the original's files")
    copy = client.copy_model_version("models:/churn@champion", "churn-prod")
    eq((copy.name, copy.version, copy.source), ("churn-prod", "1", "models:/churn/2"), "copied version")
    eq(client.get_model_version_download_uri("churn-prod", "1"), "s3://models/churn/2", "download uri of the copy")
    eq(ModelsArtifactRepository.get_underlying_uri("models:/churn-prod/1"), "s3://models/churn/2", "models:/ of the copy")
    copy = client.copy_model_version("models:/churn/4", "churn-prod")
    eq((copy.version, copy.source, copy.run_id), ("2", "models:/churn/4", "run-4"), "a copy takes the original's run id")

    step("a models:/ source that names no version is INVALID_PARAMETER_VALUE")
    expect_error(lambda: client.create_model_version("churn-prod", "models:/churn/99"), "INVALID_PARAMETER_VALUE", "dangling source")


def raw_http():
    step("raw HTTP: error shape, missing parameters, both prefixes")
    r = http.post(f"{URL}/api/2.0/mlflow/registered-models/create", json={})
    eq(r.status_code, 400, "status of a missing name")
    eq(r.json(), {"error_code": "INVALID_PARAMETER_VALUE", "message": r.json().get("message")}, "error body keys")
    if "Missing value for required parameter 'name'" not in r.json()["message"]:
        fail(f"missing-parameter message: {r.json()['message']!r}")
    r = http.get(f"{URL}/ajax-api/2.0/mlflow/model-versions/get", params={"name": "churn", "version": "2"})
    eq((r.status_code, r.json()["model_version"]["version"]), (200, "2"), "ajax-api get")
    if not isinstance(r.json()["model_version"]["creation_timestamp"], int):
        fail("creation_timestamp is not a JSON number")
    r = http.get(f"{URL}/api/2.0/mlflow/registered-models/get-latest-versions", params=[("name", "churn"), ("stages", "Staging"), ("stages", "Production")])
    eq(sorted(v["version"] for v in r.json()["model_versions"]), ["2", "3"], "GET get-latest-versions with repeated stages")
    r = http.get(f"{URL}/api/2.0/mlflow/registered-models/get", params={"name": "nope"})
    eq((r.status_code, r.json()["error_code"]), (404, "RESOURCE_DOES_NOT_EXIST"), "404 contract")


def deletes():
    step("delete a version and a model")
    client.delete_model_version("churn", "4")
    expect_error(lambda: client.get_model_version("churn", "4"), "RESOURCE_DOES_NOT_EXIST", "deleted version")
    eq(client.get_model_version_download_uri("churn-prod", "2"), "s3://models/churn/4", "a copy's files after the original is deleted")
    client.delete_registered_model("fresh")
    expect_error(lambda: client.get_registered_model("fresh"), "RESOURCE_DOES_NOT_EXIST", "deleted model")
    eq(versions_of(client.search_model_versions("name = 'fresh'")), [], "versions of a deleted model")


def unauthenticated():
    step("without credentials the client is refused with UNAUTHENTICATED")
    e = expect_error(lambda: client.search_registered_models(), "UNAUTHENTICATED", "search without credentials")
    if "mlt_" in e.message:
        fail(f"the refusal quotes a token: {e.message!r}")
    expect_error(lambda: client.create_registered_model("intruder"), "UNAUTHENTICATED", "create without credentials")
    r = http.get(f"{URL}/api/2.0/mlflow/registered-models/get", params={"name": "churn"})
    eq((r.status_code, r.json()["error_code"]), (401, "UNAUTHENTICATED"), "raw 401")
    if "Bearer" not in r.headers.get("WWW-Authenticate", ""):
        fail(f"WWW-Authenticate does not offer Bearer: {r.headers.get('WWW-Authenticate')!r}")


def auth_request(endpoint, method, **kwargs):
    """What MLflow's AuthServiceClient does for each call (its module needs the server's Flask)."""
    from mlflow.utils.credentials import get_default_host_creds
    from mlflow.utils.rest_utils import http_request, verify_rest_response

    response = http_request(get_default_host_creds(URL), endpoint, method, **kwargs)
    return verify_rest_response(response, endpoint).json()


def permissions():
    step("MLflow's auth routes grant, read, change and remove a user's permission on a model")
    base = "/api/2.0/mlflow/registered-models/permissions"
    grant = {"name": "churn", "username": "viewer"}
    created = auth_request(f"{base}/create", "POST", json={**grant, "permission": "READ"})
    eq(created["registered_model_permission"]["permission"], "READ", "created grant")
    eq(auth_request(f"{base}/get", "GET", params=grant)["registered_model_permission"]["permission"], "READ", "read grant")
    expect_error(
        lambda: auth_request(f"{base}/create", "POST", json={**grant, "permission": "EDIT"}),
        "RESOURCE_ALREADY_EXISTS",
        "granting twice",
    )
    auth_request(f"{base}/update", "PATCH", json={**grant, "permission": "NO_PERMISSIONS"})
    eq(auth_request(f"{base}/get", "GET", params=grant)["registered_model_permission"]["permission"], "NO_PERMISSIONS", "changed grant")
    auth_request(f"{base}/delete", "DELETE", json=grant)
    expect_error(lambda: auth_request(f"{base}/get", "GET", params=grant), "RESOURCE_DOES_NOT_EXIST", "removed grant")


def read_only():
    step("a user with the default READ reads a model but may not change it")
    eq(client.get_registered_model("churn").name, "churn", "read with READ")
    e = expect_error(
        lambda: client.set_registered_model_alias("churn", "mine", "1"), "PERMISSION_DENIED", "alias with READ"
    )
    if "needs EDIT" not in e.message:
        fail(f"the refusal does not say what was needed: {e.message!r}")
    expect_error(lambda: client.delete_registered_model("churn"), "PERMISSION_DENIED", "delete with READ")


PARTS = (registered_models, model_versions, aliases, model_uris, searches, copies, raw_http, deletes)


if __name__ == "__main__":
    print(f"mlflow {mlflow.__version__} against {URL}", flush=True)
    named = {part.__name__: part for part in (*PARTS, unauthenticated, permissions, read_only)}
    try:
        for part in [named[name] for name in sys.argv[2:]] or PARTS:
            part()
    except MlflowException as e:
        fail(f"unexpected {e.error_code}: {e.message}")
    except Exception as e:  # noqa: BLE001 - report any client failure as the step's mismatch
        fail(f"{type(e).__name__}: {e}")
    print("all MLflow client steps passed", flush=True)
