"""The stock client in "Cloud" mode against Cloud-style workspace URLs with API keys made by the admin API.

The client treats a URL as Prefect Cloud when it starts with PREFECT_CLOUD_API_URL: it sends the key as a Bearer
token, skips CSRF and the version check, and authenticates its events websocket with the key on the upgrade.
"""
import os
import subprocess
import sys
import time

import httpx
import pytest

FLOW_SCRIPT = """
from prefect import flow, task
from prefect.artifacts import create_markdown_artifact

@task
def add(x, y):
    return x + y

@flow(name="cloud-mode-{unique}")
def cloud_flow():
    total = add(1, 2)
    create_markdown_artifact(key="cloud-report-{unique}", markdown="# total " + str(total))
    return add(total, 3)

print("result", cloud_flow())
"""


def _cloud_env(gateway_url, workspace_url, key, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update({
        "PREFECT_CLOUD_API_URL": f"{gateway_url}/api",
        "PREFECT_API_URL": workspace_url,
        "PREFECT_API_KEY": key,
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        "PREFECT_SERVER_ALLOW_EPHEMERAL_MODE": "false",
    })
    return env


def _eventually(check, timeout=30.0):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.5)


def test_flow_with_tasks_and_artifact_in_cloud_mode(gateway_url, make_workspace, unique, tmp_path):
    url, key, _ = make_workspace(f"cloud {unique}")
    run = subprocess.run([sys.executable, "-c", FLOW_SCRIPT.format(unique=unique)], capture_output=True, text=True,
                         env=_cloud_env(gateway_url, url, key, tmp_path), timeout=180)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "result 6" in run.stdout

    auth = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=url + "/", headers=auth, timeout=30) as http:
        # A new workspace: everything in it is this run's.
        runs = http.post("flow_runs/filter", json={}).json()
        assert [r["state_type"] for r in runs] == ["COMPLETED"]
        task_runs = _eventually(lambda: [t for t in http.post("task_runs/filter", json={}).json()
                                         if t["state_type"] == "COMPLETED" and t["flow_run_id"] == runs[0]["id"]]
                                if len(http.post("task_runs/filter", json={}).json()) == 2 else None)
        assert task_runs, "the two task runs (reported over the events websocket) were not recorded"
        # The user's second example, verbatim in shape: requests-style POST with the Bearer key.
        artifacts = http.post("artifacts/filter", json={
            "sort": "CREATED_DESC", "limit": 5, "artifacts": {"key": {"exists_": True}}})
        assert artifacts.status_code == 200
        assert [a["key"] for a in artifacts.json()] == [f"cloud-report-{unique}"]


def test_curl_create_flow_run_example_with_a_key(make_workspace, unique):
    url, key, _ = make_workspace(f"curl {unique}")
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json", "X-PREFECT-API-VERSION": "0.8.4"}
    with httpx.Client(base_url=url + "/", headers=headers, timeout=30) as http:
        flow = http.post("flows/", json={"name": f"curl-flow-{unique}"}).json()
        deployment = http.post("deployments/", json={"name": "curl", "flow_id": flow["id"]})
        assert deployment.status_code in (200, 201), deployment.text
        created = http.post(f"deployments/{deployment.json()['id']}/create_flow_run", content="{}")
        assert created.status_code == 201, created.text
        assert created.json()["deployment_id"] == deployment.json()["id"]


def test_workspaces_are_isolated_by_key(make_workspace, unique):
    url_a, key_a, _ = make_workspace(f"iso-a {unique}")
    url_b, key_b, _ = make_workspace(f"iso-b {unique}")
    name = f"same-name-{unique}"
    flow_a = httpx.post(f"{url_a}/flows/", json={"name": name}, headers={"Authorization": f"Bearer {key_a}"}).json()
    flow_b = httpx.post(f"{url_b}/flows/", json={"name": name}, headers={"Authorization": f"Bearer {key_b}"}).json()
    assert flow_a["id"] != flow_b["id"]
    seen_by_a = httpx.post(f"{url_a}/flows/filter", json={"flows": {"name": {"any_": [name]}}},
                           headers={"Authorization": f"Bearer {key_a}"}).json()
    assert [f["id"] for f in seen_by_a] == [flow_a["id"]]
    # A's key on B's path is refused; B's object by id through A's path is missing.
    assert httpx.get(f"{url_b}/flows/{flow_b['id']}", headers={"Authorization": f"Bearer {key_a}"}).status_code == 403
    assert httpx.get(f"{url_a}/flows/{flow_b['id']}", headers={"Authorization": f"Bearer {key_a}"}).status_code == 404
    # No key, or a made-up one, is a 401.
    assert httpx.get(f"{url_a}/flows/{flow_a['id']}").status_code == 401
    assert httpx.get(f"{url_a}/flows/{flow_a['id']}", headers={"Authorization": "Bearer pnb_nope"}).status_code == 401


def test_revoked_key_is_refused_within_a_second(admin, make_workspace, unique):
    url, key, workspace = make_workspace(f"revoke {unique}")
    auth = {"Authorization": f"Bearer {key}"}
    assert httpx.post(f"{url}/flows/filter", json={}, headers=auth).status_code == 200
    key_id = admin.get(f"workspaces/{workspace['workspace_id']}/api_keys").json()[0]["id"]
    assert admin.delete(f"api_keys/{key_id}").status_code == 204
    time.sleep(1.1)  # the documented bound for every gateway replica (key cache TTL 1 s)
    assert httpx.post(f"{url}/flows/filter", json={}, headers=auth).status_code == 401


def test_cloud_client_reads_its_workspace(gateway_url, make_workspace, unique, tmp_path):
    url, key, workspace = make_workspace(f"me {unique}")
    script = "import asyncio\nfrom prefect.client.cloud import get_cloud_client\n" \
             "async def main():\n    async with get_cloud_client() as c:\n" \
             "        print((await c.read_current_workspace()).workspace_id)\nasyncio.run(main())\n"
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         env=_cloud_env(gateway_url, url, key, tmp_path), timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr
    assert workspace["workspace_id"] in run.stdout
