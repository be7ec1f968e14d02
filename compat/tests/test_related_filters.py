"""Related-object filters answered from Kafka projections (issue 6 acceptance, the user's filter example).

flows-service answers `flow_runs` criteria from its projection of runs-service's `flow-runs` topic: the flow runs are
created and moved to their final states through the stock client (runs-service), and the filter is read back through
the stock client (flows-service), so the whole path client -> runs-service -> outbox -> Kafka -> flows-service runs.
"""
import asyncio

from prefect import get_client
from prefect.client.schemas.filters import (
    FlowFilter,
    FlowFilterTags,
    FlowRunFilter,
    FlowRunFilterState,
    FlowRunFilterStateType,
)
from prefect.client.schemas.objects import StateType
from prefect.states import Completed, Failed, Running


async def _poll(predicate, read, timeout=10.0):
    deadline = asyncio.get_event_loop().time() + timeout
    while True:
        value = await read()
        if predicate(value) or asyncio.get_event_loop().time() > deadline:
            return value
        await asyncio.sleep(0.1)


def test_flows_tagged_database_with_a_failed_run(unique, http):
    async def scenario():
        async with get_client() as client:
            tagged = await client.create_flow_from_name(f"db-etl-{unique}")
            untagged = await client.create_flow_from_name(f"files-etl-{unique}")
            # tag through the API, as the UI does (PATCH /flows/{id})
            assert http.patch(f"flows/{tagged}", json={"tags": ["database", f"t-{unique}"]}).status_code == 204
            assert http.patch(f"flows/{untagged}", json={"tags": [f"t-{unique}"]}).status_code == 204

            async def run_to(flow_id, final):
                response = http.post("flow_runs/", json={"flow_id": str(flow_id), "state": {"type": "PENDING"}})
                assert response.status_code == 201, response.text
                run_id = response.json()["id"]
                await client.set_flow_run_state(run_id, Running())
                await client.set_flow_run_state(run_id, final)
                return run_id

            await run_to(tagged, Failed())
            await run_to(tagged, Completed())
            await run_to(untagged, Failed())

            flow_filter = FlowFilter(tags=FlowFilterTags(all_=["database", f"t-{unique}"]))
            run_filter = FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.FAILED])))

            async def read():
                flows = await client.read_flows(flow_filter=flow_filter, flow_run_filter=run_filter)
                # the same through the raw REST body of the user's example, scoped to this test's flows
                raw = http.post("flows/filter", json={
                    "flows": {"tags": {"all_": ["database", f"t-{unique}"]}},
                    "flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}})
                # both of this test's flows have a failed run: the tag is what excludes the second one above
                every_tagged = http.post("flows/filter", json={
                    "flows": {"tags": {"all_": [f"t-{unique}"]}},
                    "flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}})
                return flows, raw, every_tagged

            # projections are eventually consistent: poll until both failed runs are visible (or give up)
            flows, raw, every_tagged = await _poll(lambda v: len(v[2].json()) == 2, read)
            return tagged, flows, raw, every_tagged

    tagged, flows, raw, every_tagged = asyncio.run(scenario())
    assert [f.id for f in flows] == [tagged]
    assert raw.status_code == 200 and [f["id"] for f in raw.json()] == [str(tagged)]
    assert every_tagged.status_code == 200 and len(every_tagged.json()) == 2


def test_artifacts_of_failed_runs_of_a_flow(unique, http):
    """artifacts-service answers `flow_runs` and `flows` criteria from its projections of `flow-runs` and `flows`."""
    async def scenario():
        async with get_client() as client:
            flow_id = await client.create_flow_from_name(f"reports-{unique}")
            runs = {}
            for final in (Failed(), Completed()):
                response = http.post("flow_runs/", json={"flow_id": str(flow_id), "state": {"type": "PENDING"}})
                assert response.status_code == 201, response.text
                run_id = response.json()["id"]
                await client.set_flow_run_state(run_id, Running())
                await client.set_flow_run_state(run_id, final)
                runs[final.type.value] = run_id
                created = http.post("artifacts/", json={"key": f"report-{final.type.value.lower()}-{unique}",
                                                        "type": "markdown", "data": "# report", "flow_run_id": run_id})
                assert created.status_code == 201, created.text

            run_filter = FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.FAILED])))
            body = {"flows": {"name": {"any_": [f"reports-{unique}"]}},
                    "flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}}

            async def read():
                by_client = await client.read_artifacts(flow_run_filter=run_filter)
                raw = http.post("artifacts/filter", json=body)
                latest = http.post("artifacts/latest/filter", json=body)
                return ([a.key for a in by_client if a.key and a.key.endswith(unique)],
                        [a["key"] for a in raw.json()], [a["key"] for a in latest.json()])

            return await _poll(lambda v: all(len(keys) == 1 for keys in v), read)

    by_client, raw, latest = asyncio.run(scenario())
    assert by_client == [f"report-failed-{unique}"]
    assert raw == [f"report-failed-{unique}"]
    assert latest == [f"report-failed-{unique}"]


def _flow_run(http, flow_id):
    response = http.post("flow_runs/", json={"flow_id": str(flow_id), "state": {"type": "PENDING"}})
    assert response.status_code == 201, response.text
    return response.json()["id"]


def test_flow_runs_of_flows_tagged(unique, http):
    """runs-service answers `flows` criteria of /flow_runs/filter from its projection of flows-service's `flows`."""
    async def scenario():
        async with get_client() as client:
            tagged = await client.create_flow_from_name(f"tagged-{unique}")
            untagged = await client.create_flow_from_name(f"untagged-{unique}")
            assert http.patch(f"flows/{tagged}", json={"tags": [f"nightly-{unique}"]}).status_code == 204
            tagged_run = _flow_run(http, tagged)
            _flow_run(http, untagged)
            flow_filter = FlowFilter(tags=FlowFilterTags(all_=[f"nightly-{unique}"]))

            async def read():
                by_client = await client.read_flow_runs(flow_filter=flow_filter)
                raw = http.post("flow_runs/filter", json={"flows": {"tags": {"all_": [f"nightly-{unique}"]}}})
                count = http.post("flow_runs/count", json={"flows": {"tags": {"all_": [f"nightly-{unique}"]}}})
                return [str(r.id) for r in by_client], raw, count

            # the tag reaches runs-service through the flows topic: poll until it is visible (or give up)
            by_client, raw, count = await _poll(lambda v: len(v[0]) == 1, read)
            return tagged_run, by_client, raw, count

    tagged_run, by_client, raw, count = asyncio.run(scenario())
    assert by_client == [tagged_run]
    assert raw.status_code == 200 and [r["id"] for r in raw.json()] == [tagged_run]
    assert count.status_code == 200 and count.json() == 1


def test_task_runs_of_a_flow_by_name(unique, http):
    """runs-service answers `flows` criteria of /task_runs/filter: the task's flow run's flow, from the projection."""
    from prefect.client.schemas.filters import FlowFilterName

    async def scenario():
        async with get_client() as client:
            etl = await client.create_flow_from_name(f"etl-{unique}")
            other = await client.create_flow_from_name(f"other-{unique}")
            tasks = {}
            for name, flow_id in (("etl", etl), ("other", other)):
                run_id = _flow_run(http, flow_id)
                created = http.post("task_runs/", json={"flow_run_id": run_id, "task_key": f"{name}-task",
                                                        "dynamic_key": "0", "state": {"type": "PENDING"}})
                assert created.status_code == 201, created.text
                tasks[name] = created.json()["id"]
            flow_filter = FlowFilter(name=FlowFilterName(any_=[f"etl-{unique}"]))

            async def read():
                by_client = await client.read_task_runs(flow_filter=flow_filter)
                raw = http.post("task_runs/filter", json={"flows": {"name": {"any_": [f"etl-{unique}"]}}})
                return [str(t.id) for t in by_client], raw

            by_client, raw = await _poll(lambda v: len(v[0]) == 1, read)
            return tasks, by_client, raw

    tasks, by_client, raw = asyncio.run(scenario())
    assert by_client == [tasks["etl"]]
    assert raw.status_code == 200 and [t["id"] for t in raw.json()] == [tasks["etl"]]
