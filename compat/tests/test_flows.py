"""Flows through the stock client, and the REST examples of the foundation issue."""
import asyncio

from prefect import get_client
from prefect.client.schemas.filters import FlowFilter, FlowFilterName
from prefect.client.schemas.objects import Flow


def test_users_first_example_read_flows_returns_five_flows(unique):
    names = [f"example-{unique}-{i}" for i in range(5)]

    async def scenario():
        async with get_client() as client:
            ids = [await client.create_flow_from_name(name) for name in names]
            five = await client.read_flows(limit=5)
            ours = await client.read_flows(flow_filter=FlowFilter(name=FlowFilterName(any_=names)))
            return ids, five, ours

    ids, five, ours = asyncio.run(scenario())
    assert len(five) == 5
    for flow in five:
        assert isinstance(flow, Flow)
        assert flow.name and flow.id
    assert sorted(f.name for f in ours) == sorted(names)
    assert sorted(f.id for f in ours) == sorted(ids)


def test_client_reads_a_flow_by_id_and_by_name(unique):
    async def scenario():
        async with get_client() as client:
            flow_id = await client.create_flow_from_name(f"by name {unique}")
            return flow_id, await client.read_flow(flow_id), await client.read_flow_by_name(f"by name {unique}")

    flow_id, by_id, by_name = asyncio.run(scenario())
    assert by_id.id == by_name.id == flow_id
    assert by_id.created.tzinfo is not None


def test_create_is_201_then_200_and_filter_finds_it(http, unique):
    name = f"cat-facts-{unique}"
    first = http.post("flows/", json={"name": name, "tags": ["database"]})
    assert first.status_code == 201
    again = http.post("flows/", json={"name": name, "tags": ["database"]})
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    found = http.post("flows/filter", json={"flows": {"tags": {"all_": ["database"]}, "name": {"any_": [name]}},
                                            "sort": "NAME_ASC", "limit": 5})
    assert found.status_code == 200
    assert [f["id"] for f in found.json()] == [first.json()["id"]]


def test_bad_input_gets_prefects_4xx_bodies(http):
    assert http.post("flows/filter", json={"limit": 201}).status_code == 422
    assert http.post("flows/", content=b"{not json", headers={"content-type": "application/json"}).status_code == 422
    assert http.post("flows/", json={"name": "a/b"}).status_code == 422
    assert http.get("flows/not-a-uuid").json() == {"detail": "Not Found"}


def test_cli_lists_flows(unique, api_url):
    import os
    import subprocess
    import sys
    from pathlib import Path

    name = f"cli-listed-{unique}"
    asyncio.run(_create(name))
    prefect = Path(sys.executable).with_name("prefect")
    result = subprocess.run([str(prefect), "flow", "ls", "--limit", "200"], capture_output=True, text=True,
                            env={**os.environ, "PREFECT_API_URL": api_url, "COLUMNS": "200"}, timeout=120)
    assert result.returncode == 0, result.stderr
    assert name in result.stdout


async def _create(name):
    async with get_client() as client:
        return await client.create_flow_from_name(name)
