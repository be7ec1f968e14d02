"""Over a workspace's rate limit the gateway answers 429 with a numeric Retry-After; the stock client waits and
retries by itself, so a flow run and a burst of API calls still succeed, only slower."""
import subprocess
import sys

import httpx

from test_cloud_mode import _cloud_env

LIMITED_SCRIPT = """
import asyncio
import logging

from prefect import flow, task
from prefect.client.orchestration import get_client

retried = []


class RetriesOn429(logging.Handler):
    def emit(self, record):
        if "retryable status code 429" in record.getMessage():
            retried.append(record.getMessage())


client_log = logging.getLogger("prefect.client")
client_log.addHandler(RetriesOn429())
client_log.setLevel(logging.DEBUG)


@task
def double(x):
    return 2 * x


@flow(name="rate-limited-{unique}")
def limited():
    return sum(double(i) for i in range(4))


async def burst_of_reads():
    async with get_client() as client:
        for _ in range(8):
            await client.read_flows(limit=1)


print("result", limited())
asyncio.run(burst_of_reads())
print("retried on 429:", len(retried))
"""


def test_stock_client_recovers_from_429(admin, gateway_url, make_workspace, unique, tmp_path):
    url, key, workspace = make_workspace(f"limited {unique}")
    workspace_id = workspace["workspace_id"]
    # Three requests at once, then two a second: the burst of eight reads alone is over the limit.
    limit = admin.patch(f"workspaces/{workspace_id}", json={"rate_limit": {"requests_per_second": 2, "burst": 3}})
    assert limit.status_code == 200, limit.text

    auth = {"Authorization": f"Bearer {key}"}
    statuses = [httpx.get(f"{url}/flows/{workspace_id}", headers=auth).status_code for _ in range(6)]
    refused = [s for s in statuses if s == 429]
    assert refused, f"six requests in a row under a limit of three: {statuses}"
    over = httpx.post(f"{url}/flows/filter", json={}, headers=auth)
    if over.status_code == 429:
        assert over.headers["Retry-After"].isdigit() and int(over.headers["Retry-After"]) >= 1

    run = subprocess.run([sys.executable, "-c", LIMITED_SCRIPT.format(unique=unique)], capture_output=True,
                         text=True, env=_cloud_env(gateway_url, url, key, tmp_path), timeout=240)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "result 12" in run.stdout
    retried = int(run.stdout.rsplit("retried on 429:", 1)[1].split()[0])
    assert retried >= 1, "the client never met the limit: the test proves nothing\n" + run.stdout

    # Lift the limit to look at what the run left behind without meeting it again.
    assert admin.patch(f"workspaces/{workspace_id}", json={"rate_limit": None}).status_code == 200
    runs = httpx.post(f"{url}/flow_runs/filter", json={}, headers=auth).json()
    assert [r["state_type"] for r in runs] == ["COMPLETED"]
