"""Filters at the edges (issue 5/6): many criteria, a body near the size limit, deep nesting — a clear 4xx or a
correct answer, never a 500."""
import json
import time
import uuid


def test_a_filter_combining_200_criteria_is_answered(http, unique):
    flow = http.post("flows/", json={"name": f"criteria-{unique}", "tags": ["database"]}).json()
    run = http.post("flow_runs/", json={"flow_id": flow["id"], "state": {"type": "FAILED"}, "tags": ["t0"]}).json()
    names = [f"criteria-{unique}"] + [f"other-{i}" for i in range(99)]
    ids = [run["id"]] + [str(uuid.uuid4()) for _ in range(99)]
    body = {
        "flows": {"operator": "and_", "name": {"any_": names}, "tags": {"all_": ["database"]}},
        "flow_runs": {"operator": "and_", "id": {"any_": ids}, "state": {"type": {"any_": ["FAILED", "CRASHED"]}},
                      "tags": {"all_": ["t0"]}},
        "limit": 10,
    }
    for path, expected in (("flow_runs/filter", run["id"]), ("flows/filter", flow["id"])):
        deadline = time.monotonic() + 20  # the flows and runs projections follow their topics within moments
        while True:
            response = http.post(path, json=body)
            assert response.status_code == 200, (path, response.status_code, response.text[:300])
            found = [item["id"] for item in response.json()]
            if found == [expected] or time.monotonic() > deadline:
                break
            time.sleep(0.25)
        assert found == [expected], (path, found)


def test_a_one_megabyte_filter_is_answered_or_refused_cleanly(http):
    ids = [str(uuid.uuid4()) for _ in range(27_000)]  # ~1 MB of JSON
    body = json.dumps({"flow_runs": {"id": {"any_": ids}}, "limit": 5})
    assert 900_000 < len(body) < 1_200_000
    response = http.post("flow_runs/filter", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code in (200, 413, 422), (response.status_code, response.text[:300])
    if response.status_code == 200:
        assert response.json() == []
    count = http.post("flow_runs/count", content=body, headers={"Content-Type": "application/json"})
    assert count.status_code in (200, 413, 422) and (count.status_code != 200 or count.json() == 0)


def test_a_filter_body_over_the_limit_is_413(http):
    body = json.dumps({"flow_runs": {"name": {"any_": ["x" * 1000] * 6000}}})
    response = http.post("flow_runs/filter", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 413, (response.status_code, response.text[:300])


def test_deeply_nested_json_is_a_clear_4xx(http):
    deep = "[" * 5000 + "]" * 5000
    for path in ("flow_runs/filter", "flows/filter", "deployments/filter", "artifacts/filter", "task_runs/filter"):
        response = http.post(path, content='{"flow_runs": ' + deep + "}", headers={"Content-Type": "application/json"})
        assert 400 <= response.status_code < 500, (path, response.status_code, response.text[:300])
    nested_operator = {"operator": "and_"}
    for _ in range(200):
        nested_operator = {"operator": "and_", "name": {"any_": ["x"]}, "flow_runs": nested_operator}
    response = http.post("flows/filter", json={"flows": nested_operator})
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
