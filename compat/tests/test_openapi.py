"""The merged OpenAPI document at /api/openapi.json: valid OpenAPI 3, its operations served, and how much of
Prefect's own API (the operation list of Prefect's server, API 0.8.4, in data/) it covers."""
import json
import re
import uuid
from pathlib import Path

import pytest

PREFECT_OPERATIONS = Path(__file__).parent / "data" / "prefect_0_8_4_operations.json"
METHODS = ("get", "post", "put", "patch", "delete")


def _normalise(path: str) -> str:
    """Path parameters by position, not name: /flows/{id} and /flows/{flow_id} are the same route."""
    return re.sub(r"\{[^}]+\}", "{}", path.rstrip("/") or "/")


@pytest.fixture(scope="module")
def document(http):
    response = http.get("openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(document):
    return {(method.upper(), _normalise(path)) for path, item in document["paths"].items()
            for method in item if method in METHODS}


def test_document_is_valid_openapi_3(document):
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(document)
    assert document["openapi"].startswith("3.")


def test_parameterless_operations_are_routed(http, document):
    """Every operation without path parameters reaches a handler (no routing 404 or 405)."""
    for path, item in document["paths"].items():
        if "{" in path or path in ("/admin/storage",):
            continue
        for method in item:
            if method not in METHODS or method == "delete":
                continue
            response = http.request(method.upper(), path.lstrip("/"), json={} if method != "get" else None)
            assert response.status_code not in (404, 405), f"{method.upper()} {path}: {response.status_code}"


def test_operations_with_ids_are_routed(http, document):
    """With a made-up id, a served route answers 404 with Prefect's body (missing object), not a 405."""
    for path, item in document["paths"].items():
        if "{" not in path:
            continue
        concrete = re.sub(r"\{[^}]+\}", str(uuid.uuid4()), path)
        for method in item:
            if method in ("get",):
                response = http.get(concrete.lstrip("/"))
                assert response.status_code != 405, f"GET {path}"


def test_coverage_of_prefects_operations(document, capsys):
    prefect = {(method, _normalise(path)) for method, path in json.loads(PREFECT_OPERATIONS.read_text())}
    ours = _operations(document)
    covered = prefect & ours
    ratio = len(covered) / len(prefect)
    with capsys.disabled():
        print(f"\nOpenAPI coverage of Prefect's {len(prefect)} operations: {len(covered)} ({ratio:.0%})")
        print(f"Operations beyond Prefect's: {sorted(ours - prefect)}")
    assert ratio > 0.5


def test_prefect_operations_left_out_are_not_served(http, document):
    """The document covers every route served: each of Prefect's operations it leaves out is also unrouted here,
    answering the router's 404 Not Found or a 405, never a handler's answer."""
    prefect = json.loads(PREFECT_OPERATIONS.read_text())
    ours = _operations(document)
    for method, path in prefect:
        if (method, _normalise(path)) in ours:
            continue
        concrete = re.sub(r"\{[^}]+\}", str(uuid.uuid4()), path).lstrip("/")
        response = http.request(method, concrete, json={} if method in ("POST", "PUT", "PATCH") else None)
        routed_away = response.status_code == 405 or (
            response.status_code == 404 and response.json() == {"detail": "Not Found"})
        assert routed_away, f"{method} {path} is served ({response.status_code} {response.text[:200]}) " \
                            "but missing from /api/openapi.json"
