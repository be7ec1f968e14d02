"""The CLI's run commands, and bad input to the run routes (issue 2/6 acceptance)."""
import asyncio
import json
import os
import subprocess
import sys
import textwrap
import uuid

import httpx
import pytest
from prefect import get_client


def _cli(*args: str) -> str:
    # A wide terminal, so that rich does not truncate the columns the assertions look at.
    env = {**os.environ, "COLUMNS": "300"}
    result = subprocess.run(["prefect", *args], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def finished_run():
    name = f"cli-{uuid.uuid4().hex[:8]}"
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(f"""
        from prefect import flow

        @flow(name="{name}")
        def cli_flow():
            return 1

        state = cli_flow(return_state=True)
        print("RUN", state.state_details.flow_run_id)
    """)], capture_output=True, text=True, env=os.environ.copy(), timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    run_id = result.stdout.split("RUN ")[1].split()[0]
    return name, run_id


def test_flow_ls_shows_the_flow(finished_run):
    name, _ = finished_run
    assert name in _cli("flow", "ls", "--limit", "100")


def test_flow_run_ls_shows_the_run(finished_run):
    _, run_id = finished_run
    output = _cli("flow-run", "ls", "--limit", "100")
    assert run_id in output, output
    assert "COMPLETED" in _cli("flow-run", "ls", "--state-type", "COMPLETED", "--limit", "5")


def test_flow_run_inspect_shows_the_run(finished_run):
    name, run_id = finished_run
    output = _cli("flow-run", "inspect", run_id)
    assert run_id in output and "COMPLETED" in output, output
    as_json = json.loads(_cli("flow-run", "inspect", run_id, "--output", "json"))
    assert as_json["id"] == run_id and as_json["state"]["type"] == "COMPLETED"


def test_unknown_state_type_is_422(http, finished_run):
    _, run_id = finished_run
    response = http.post(f"flow_runs/{run_id}/set_state", json={"state": {"type": "EXPLODED"}})
    assert response.status_code == 422, response.text
    detail = response.json()["exception_detail"]
    assert detail[0]["loc"] == ["body", "state", "type"] and detail[0]["input"] == "EXPLODED", detail


def test_set_state_on_a_missing_run_is_404(http):
    for kind in ("flow_runs", "task_runs"):
        response = http.post(f"{kind}/{uuid.uuid4()}/set_state", json={"state": {"type": "RUNNING"}})
        assert response.status_code == 404, response.text


def test_malformed_event_frames_do_not_disturb_other_clients(api_url, http):
    """Garbage on one /events/in connection is refused; another client's events still arrive."""
    from websockets.sync.client import connect

    ws_url = api_url.replace("http", "ws", 1) + "/events/in"
    with connect(ws_url, subprotocols=["prefect"]) as bad:
        bad.send(json.dumps({"type": "auth", "token": None}))
        assert json.loads(bad.recv(timeout=10))["type"] == "auth_success"
        for frame in ("{not json", json.dumps({"event": 5}), json.dumps([1, 2, 3]), "\u0000" * 100):
            try:
                bad.send(frame)
            except Exception:
                break

    marker = uuid.uuid4()
    with connect(ws_url, subprotocols=["prefect"]) as good:
        good.send(json.dumps({"type": "auth", "token": None}))
        assert json.loads(good.recv(timeout=10))["type"] == "auth_success"
        good.send(json.dumps({"id": str(marker), "occurred": "2026-11-30T00:00:00Z", "event": "compat.malformed-neighbour",
                              "resource": {"prefect.resource.id": f"compat.{marker}"}, "related": [], "payload": {}}))

    body = {"filter": {"id": {"id": [str(marker)]}, "occurred": {"since": "2026-11-29T00:00:00Z"}}}
    for _ in range(50):
        found = http.post("events/filter", json=body)
        assert found.status_code == 200, found.text
        if found.json()["events"]:
            break
        asyncio.run(asyncio.sleep(0.2))
    assert [e["id"] for e in found.json()["events"]] == [str(marker)]


def test_a_5000_item_log_batch_is_accepted(http, finished_run):
    _, run_id = finished_run
    logs = [{"name": "compat.bulk", "level": 20, "message": f"line {i}", "timestamp": "2026-11-30T00:00:00Z",
             "flow_run_id": run_id} for i in range(5000)]
    response = http.post("logs/", json=logs)
    assert response.status_code == 201, response.text[:500]
    stored = http.post("logs/filter", json={"logs": {"flow_run_id": {"any_": [run_id]}}, "limit": 200,
                                           "sort": "TIMESTAMP_ASC"})
    assert stored.status_code == 200, stored.text
    assert len([log for log in stored.json() if log["name"] == "compat.bulk"]) == 200
    # A malformed item in a batch refuses the batch with a 422, never a 500.
    bad = http.post("logs/", json=logs[:10] + [{"level": "loud"}])
    assert bad.status_code == 422, bad.text[:500]
