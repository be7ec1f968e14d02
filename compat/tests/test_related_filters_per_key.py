"""Every related-object key each filter route accepts (issue 5/6), answered against the running stack: one object
graph (a tagged flow with a deployment on a work pool, its failed run with a task run and an artifact, and an
unrelated flow and run), then per route and key a criterion that must select it and one that must not."""
import time

import pytest

SETTLE_SECONDS = 20


@pytest.fixture(scope="module")
def graph(http):
    import uuid
    u = uuid.uuid4().hex[:8]
    g = {"u": u}
    g["flow"] = http.post("flows/", json={"name": f"keyed-{u}", "tags": [f"db-{u}"]}).json()["id"]
    g["other_flow"] = http.post("flows/", json={"name": f"unkeyed-{u}"}).json()["id"]
    pool = http.post("work_pools/", json={"name": f"pool-{u}", "type": "process"})
    assert pool.status_code == 201, pool.text
    deployment = http.post("deployments/", json={"name": f"dep-{u}", "flow_id": g["flow"], "work_pool_name": f"pool-{u}"})
    assert deployment.status_code in (200, 201), deployment.text
    g["deployment"] = deployment.json()["id"]
    run = http.post(f"deployments/{g['deployment']}/create_flow_run", json={})
    assert run.status_code == 201, run.text
    g["run"] = run.json()["id"]
    for state in ("RUNNING", "FAILED"):
        answer = http.post(f"flow_runs/{g['run']}/set_state", json={"state": {"type": state}, "force": True})
        assert answer.status_code == 201, answer.text
    g["other_run"] = http.post("flow_runs/", json={"flow_id": g["other_flow"], "state": {"type": "COMPLETED"}}).json()["id"]
    task = http.post("task_runs/", json={"flow_run_id": g["run"], "task_key": "k", "dynamic_key": "0", "name": f"task-{u}"})
    assert task.status_code == 201, task.text
    g["task"] = task.json()["id"]
    http.post(f"task_runs/{g['task']}/set_state", json={"state": {"type": "COMPLETED"}, "force": True})
    artifact = http.post("artifacts/", json={"key": f"art-{u}", "type": "markdown", "data": "x",
                                             "flow_run_id": g["run"], "task_run_id": g["task"]})
    assert artifact.status_code == 201, artifact.text
    g["artifact"] = artifact.json()["id"]
    return g


def _cases(g):
    u = g["u"]
    flows_scope = {"id": {"any_": [g["flow"], g["other_flow"]]}}
    runs_scope = {"id": {"any_": [g["run"], g["other_run"]]}}
    related = {
        "flows": ({"tags": {"all_": [f"db-{u}"]}}, {"tags": {"all_": [f"nope-{u}"]}}),
        "flow_runs": ({"state": {"type": {"any_": ["FAILED"]}}}, {"state": {"type": {"any_": ["CRASHED"]}}}),
        "task_runs": ({"name": {"any_": [f"task-{u}"]}}, {"name": {"any_": [f"nope-{u}"]}}),
        "deployments": ({"name": {"any_": [f"dep-{u}"]}}, {"name": {"any_": [f"nope-{u}"]}}),
        "work_pools": ({"name": {"any_": [f"pool-{u}"]}}, {"name": {"any_": [f"nope-{u}"]}}),
        "work_pool_queues": ({"name": {"any_": ["default"]}}, {"name": {"any_": [f"nope-{u}"]}}),
    }
    routes = {
        "flows/filter": ("flows", flows_scope, g["flow"], ["flow_runs", "task_runs", "deployments", "work_pools"]),
        "flow_runs/filter": ("flow_runs", runs_scope, g["run"],
                             ["flows", "deployments", "work_pools", "work_pool_queues", "task_runs"]),
        "task_runs/filter": ("task_runs", {"id": {"any_": [g["task"]]}}, g["task"], ["flows", "flow_runs", "deployments"]),
        "deployments/filter": ("deployments", {"id": {"any_": [g["deployment"]]}}, g["deployment"],
                               ["flows", "flow_runs", "task_runs", "work_pools", "work_pool_queues"]),
        "artifacts/filter": ("artifacts", {"id": {"any_": [g["artifact"]]}}, g["artifact"],
                             ["flow_runs", "task_runs", "flows", "deployments"]),
    }
    for path, (own_key, scope, expected, keys) in routes.items():
        for key in keys:
            positive, negative = related[key]
            yield path, key, {own_key: scope, key: positive}, {own_key: scope, key: negative}, expected


CASES = [(path, key) for path, key, *_ in _cases({"u": "", "flow": "", "other_flow": "", "run": "", "other_run": "",
                                                   "task": "", "deployment": "", "artifact": ""})]


@pytest.mark.parametrize("path,key", CASES, ids=[f"{p.split('/')[0]}-{k}" for p, k in CASES])
def test_related_key_selects_exactly_the_related_object(http, graph, path, key):
    _, _, positive, negative, expected = next(c for c in _cases(graph) if c[0] == path and c[1] == key)
    deadline = time.monotonic() + SETTLE_SECONDS  # projections follow their topics within moments
    while True:
        response = http.post(path, json=positive)
        assert response.status_code == 200, (path, key, response.status_code, response.text[:300])
        found = [item["id"] for item in response.json()]
        if found == [expected] or time.monotonic() > deadline:
            break
        time.sleep(0.25)
    assert found == [expected], (path, key, found)
    none = http.post(path, json=negative)
    assert none.status_code == 200 and none.json() == [], (path, key, none.text[:300])
    count_path = path.replace("/filter", "/count")
    counted = http.post(count_path, json=positive)
    assert counted.status_code == 200 and counted.json() == 1, (count_path, key, counted.text[:300])
