"""A real flow with tasks runs end to end through the stock client (issue 2/6 acceptance)."""
import asyncio
import os
import subprocess
import sys
import textwrap

from prefect import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId, TaskRunFilter, TaskRunFilterFlowRunId


def _run_script(source: str) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(source)], capture_output=True, text=True,
                            env=os.environ.copy(), timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


async def _poll(predicate, read, timeout=15.0):
    deadline = asyncio.get_event_loop().time() + timeout
    while True:
        value = await read()
        if predicate(value) or asyncio.get_event_loop().time() > deadline:
            return value
        await asyncio.sleep(0.2)


def test_flow_with_two_tasks_one_retried_completes(unique):
    _run_script(f"""
        from prefect import flow, task
        attempts = {{"n": 0}}

        @task
        def extract():
            return 21

        @task(retries=1, retry_delay_seconds=1)
        def transform(x):
            attempts["n"] += 1
            if attempts["n"] == 1:
                raise ValueError("first attempt fails")
            return x * 2

        @flow(name="etl-{unique}")
        def etl():
            return transform(extract())

        assert etl() == 42
    """)

    async def scenario():
        async with get_client() as client:
            runs = await client.read_flow_runs(flow_run_filter=FlowRunFilter())
            ours = [r for r in runs if r.name and r.flow_id and (await client.read_flow(r.flow_id)).name == f"etl-{unique}"]
            assert len(ours) == 1
            run = ours[0]
            task_filter = TaskRunFilter(flow_run_id=TaskRunFilterFlowRunId(any_=[run.id]))
            tasks = await _poll(lambda ts: len(ts) == 2 and all(t.state_type and t.state_type.value == "COMPLETED" for t in ts),
                                lambda: client.read_task_runs(task_run_filter=task_filter))
            history = {}
            for t in tasks:
                states = await client.read_task_run_states(t.id)
                history[t.name.split("-")[0]] = (t, [s.name for s in states])
            return run, tasks, history

    run, tasks, history = asyncio.run(scenario())
    assert run.state_type.value == "COMPLETED"
    assert len(tasks) == 2
    assert all(t.state_type.value == "COMPLETED" for t in tasks)
    transform, transform_states = history["transform"]
    assert transform.run_count == 2
    assert "AwaitingRetry" in transform_states and "Retrying" in transform_states
    extract, _ = history["extract"]
    assert extract.run_count == 1


def test_flow_retries_twice_then_succeeds_with_run_count_3(unique):
    _run_script(f"""
        from prefect import flow
        attempts = {{"n": 0}}

        @flow(name="flaky-{unique}", retries=2, retry_delay_seconds=0)
        def flaky():
            attempts["n"] += 1
            if attempts["n"] < 3:
                raise RuntimeError("not yet")
            return "ok"

        assert flaky() == "ok"
    """)

    async def scenario():
        async with get_client() as client:
            flow = await client.read_flow_by_name(f"flaky-{unique}")
            runs = await client.read_flow_runs()
            return [r for r in runs if r.flow_id == flow.id]

    runs = asyncio.run(scenario())
    assert len(runs) == 1
    assert runs[0].state_type.value == "COMPLETED"
    assert runs[0].run_count == 3
