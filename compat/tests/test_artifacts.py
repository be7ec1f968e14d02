"""Artifacts through the stock client: created directly, with the artifact helpers, and inside a real flow."""
import asyncio
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from prefect import get_client
from prefect.artifacts import Artifact, create_link_artifact, create_markdown_artifact, create_table_artifact
from prefect.client.schemas.actions import ArtifactCreate
from prefect.client.schemas.filters import ArtifactCollectionFilter, ArtifactCollectionFilterKey


async def _latest(client, key):
    found = await client.read_latest_artifacts(
        artifact_filter=ArtifactCollectionFilter(key=ArtifactCollectionFilterKey(any_=[key])))
    assert len(found) == 1
    return found[0]


def test_client_creates_and_reads_artifacts(unique):
    key = f"report-{unique}"

    async def scenario():
        async with get_client() as client:
            first = await client.create_artifact(ArtifactCreate(key=key, type="markdown", data="# v1",
                                                                description="first"))
            second = await client.create_artifact(ArtifactCreate(key=key, type="markdown", data="# v2"))
            latest = await _latest(client, key)
            everything = await client.read_artifacts()
            return first, second, latest, everything

    first, second, latest, everything = asyncio.run(scenario())
    assert first.key == key and first.data == "# v1" and first.created.tzinfo is not None
    assert latest.latest_id == second.id
    assert latest.data == "# v2" and latest.description is None
    assert {first.id, second.id} <= {a.id for a in everything}


def test_artifact_helpers_outside_a_run(unique):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        markdown_id = create_markdown_artifact(markdown="# Hello", key=f"md-{unique}", description="d")
        table_id = create_table_artifact(table=[{"a": 1, "b": float("nan")}, {"a": 2, "b": 3}], key=f"table-{unique}")
        link_id = create_link_artifact(link="https://prefect.io", link_text="Prefect", key=f"link-{unique}")
    markdown = Artifact.get(f"md-{unique}")
    table = Artifact.get(f"table-{unique}")
    link = Artifact.get(f"link-{unique}")
    assert markdown.id == markdown_id and markdown.type == "markdown" and markdown.data == "# Hello"
    assert table.id == table_id and table.type == "table"
    # the client sends tables as a JSON string (NaN as null); it comes back as that string
    assert json.loads(table.data) == [{"a": 1, "b": None}, {"a": 2, "b": 3}]
    assert link.id == link_id and link.data == "[Prefect](https://prefect.io)"


def test_latest_collection_follows_deletes(unique):
    key = f"versions-{unique}"

    async def scenario():
        async with get_client() as client:
            one = await client.create_artifact(ArtifactCreate(key=key, data=1))
            two = await client.create_artifact(ArtifactCreate(key=key, data=2))
            await client.delete_artifact(two.id)
            after_delete = await _latest(client, key)
            await client.delete_artifact(one.id)
            remaining = await client.read_latest_artifacts(
                artifact_filter=ArtifactCollectionFilter(key=ArtifactCollectionFilterKey(any_=[key])))
            return one, after_delete, remaining

    one, after_delete, remaining = asyncio.run(scenario())
    assert after_delete.latest_id == one.id and after_delete.data == 1
    assert remaining == []


def test_key_latest_route_answers_the_collection_row(http, unique):
    key = f"quirk-{unique}"
    created = http.post("artifacts/", json={"key": key, "data": {"n": 1}}).json()
    latest = http.get(f"artifacts/{key}/latest").json()
    assert latest["key"] == key and latest["data"] == {"n": 1}
    assert latest["id"] != created["id"]  # Prefect's quirk: the collection row's id
    assert http.post("artifacts/", json={"key": "Not Valid"}).status_code == 422


def test_cli_lists_artifacts(unique):
    asyncio.run(_create(f"cli-{unique}"))
    prefect = Path(sys.executable).with_name("prefect")
    result = subprocess.run([str(prefect), "artifact", "ls"], capture_output=True, text=True,
                            env={**os.environ, "COLUMNS": "250"}, timeout=120)
    assert result.returncode == 0, result.stderr
    assert f"cli-{unique}" in result.stdout


async def _create(key):
    async with get_client() as client:
        return await client.create_artifact(ArtifactCreate(key=key, type="markdown", data="x"))


def test_artifacts_created_inside_a_flow_carry_its_run(unique):
    from prefect import flow, task
    from prefect.runtime import flow_run

    @task
    def tabulate():
        create_table_artifact(table={"a": [1, 2]}, key=f"task-table-{unique}")

    @flow
    def reporting():
        create_markdown_artifact(markdown="# In a flow", key=f"flow-md-{unique}")
        create_link_artifact(link="https://prefect.io", key=f"flow-link-{unique}")
        tabulate()
        return flow_run.id

    run_id = reporting()
    markdown = Artifact.get(f"flow-md-{unique}")
    table = Artifact.get(f"task-table-{unique}")
    assert str(markdown.flow_run_id) == str(run_id)
    assert str(table.flow_run_id) == str(run_id) and table.task_run_id is not None
    assert Artifact.get(f"flow-link-{unique}").type == "markdown"
