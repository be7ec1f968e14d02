"""Compatibility suite: the stock Prefect client and CLI against a running Praetor stack.

The runner (run-tests.sh) starts the stack and exports PREFECT_API_URL before pytest starts, so the
client reads it like a user's environment would.
"""
import os
import uuid

import httpx
import pytest


@pytest.fixture(scope="session")
def api_url() -> str:
    url = os.environ.get("PREFECT_API_URL")
    if not url:
        pytest.fail("PREFECT_API_URL is not set: start Praetor (deploy/local/praetor-local) and export it")
    return url.rstrip("/")


@pytest.fixture(scope="session")
def http(api_url):
    with httpx.Client(base_url=api_url + "/", timeout=30) as client:
        yield client


@pytest.fixture
def unique() -> str:
    """A suffix that keeps names of one test apart from every other run against the same stack."""
    return uuid.uuid4().hex[:8]


@pytest.fixture(scope="session")
def gateway_url(api_url) -> str:
    """The gateway's root (the API URL without its /api), where the admin API lives."""
    return api_url[: -len("/api")] if api_url.endswith("/api") else api_url


@pytest.fixture(scope="session")
def admin(gateway_url):
    """An HTTP client for the gateway's admin API, with the admin token run-tests.sh gives the stack."""
    token = os.environ.get("PRAETOR_ADMIN_TOKEN")
    if not token:
        pytest.fail("PRAETOR_ADMIN_TOKEN is not set: run-tests.sh sets it for the stack and the tests")
    with httpx.Client(base_url=gateway_url + "/admin/", timeout=30,
                      headers={"Authorization": f"Bearer {token}"}) as client:
        yield client


@pytest.fixture
def make_workspace(admin, gateway_url):
    """Creates a workspace and an API key for it; returns (workspace URL, key, workspace JSON)."""
    def make(name: str):
        workspace = admin.post("workspaces", json={"name": name, "account_id": str(uuid.uuid4())})
        assert workspace.status_code == 201, workspace.text
        body = workspace.json()
        key = admin.post(f"workspaces/{body['workspace_id']}/api_keys", json={"name": f"key for {name}"})
        assert key.status_code == 201, key.text
        url = f"{gateway_url}/api/accounts/{body['account_id']}/workspaces/{body['workspace_id']}"
        return url, key.json()["key"], body
    return make
