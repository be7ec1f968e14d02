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
