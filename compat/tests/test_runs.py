"""A real flow with tasks runs end to end through the stock client (issue 2/6 acceptance)."""
import asyncio
import os
import subprocess
import sys
import textwrap

from prefect import get_client
from prefect.exceptions import ObjectNotFound, PrefectHTTPStatusError
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


async def _flow_runs_of(client, flow_name):
    """Every run of the flow called flow_name (an exact filter on the flow's id, not a scan of the newest runs)."""
    from prefect.client.schemas.filters import FlowFilter, FlowFilterId

    flow = await client.read_flow_by_name(flow_name)
    return await client.read_flow_runs(flow_filter=FlowFilter(id=FlowFilterId(any_=[flow.id])), limit=200)


def test_log_prints_reach_logs_filter(unique, http):
    _run_script(f"""
        from prefect import flow, task

        @task(log_prints=True)
        def shout():
            print("task says hello-{unique}")

        @flow(name="printer-{unique}", log_prints=True)
        def printer():
            print("flow says hello-{unique}")
            shout()

        printer()
    """)

    async def run_id():
        async with get_client() as client:
            runs = await _flow_runs_of(client, f"printer-{unique}")
            assert len(runs) == 1
            return runs[0].id

    flow_run_id = asyncio.run(run_id())
    body = {"logs": {"flow_run_id": {"any_": [str(flow_run_id)]}}, "sort": "TIMESTAMP_ASC", "limit": 200}
    messages = []
    for _ in range(50):
        response = http.post("logs/filter", json=body)
        assert response.status_code == 200, response.text
        messages = [log["message"] for log in response.json()]
        if any(f"task says hello-{unique}" in m for m in messages):
            break
        asyncio.run(asyncio.sleep(0.2))
    assert f"flow says hello-{unique}" in messages
    assert f"task says hello-{unique}" in messages
    task_logs = [log for log in http.post("logs/filter", json=body).json() if log["message"] == f"task says hello-{unique}"]
    assert task_logs[0]["task_run_id"] is not None and task_logs[0]["level"] == 20


def test_pause_then_resume_from_another_process(unique):
    script = textwrap.dedent(f"""
        from prefect import flow
        from prefect.flow_runs import pause_flow_run

        @flow(name="pausable-{unique}")
        def pausable():
            pause_flow_run(timeout=120, poll_interval=1)
            return "resumed"

        assert pausable() == "resumed"
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, env=os.environ.copy())
    try:
        async def pause_and_resume():
            from prefect.flow_runs import resume_flow_run

            async with get_client() as client:
                async def runs():
                    try:
                        return await _flow_runs_of(client, f"pausable-{unique}")
                    except (ObjectNotFound, PrefectHTTPStatusError):  # the child has not registered its flow yet
                        return []

                paused = await _poll(lambda rs: len(rs) == 1 and rs[0].state and rs[0].state.is_paused(), runs, 60)
                assert paused and paused[0].state.is_paused(), paused
                assert paused[0].state.name == "Paused"
                await resume_flow_run(paused[0].id)
                return paused[0].id

        flow_run_id = asyncio.run(pause_and_resume())
        output, _ = child.communicate(timeout=120)
        assert child.returncode == 0, output
    finally:
        if child.poll() is None:
            child.kill()

    async def final_state():
        async with get_client() as client:
            return await client.read_flow_run(flow_run_id), await client.read_flow_run_states(flow_run_id)

    run, states = asyncio.run(final_state())
    assert run.state_type.value == "COMPLETED"
    names = [s.name for s in states]
    assert "Paused" in names and names[-1] == "Completed", names


def test_async_flow_with_10_subflows_of_10_tasks_records_everything_without_warnings(unique):
    output = subprocess.run([sys.executable, "-c", textwrap.dedent(f"""
        import asyncio
        from prefect import flow, task

        @task
        async def square(x):
            return x * x

        @flow(name="child-{unique}")
        async def child(n):
            return sum(await asyncio.gather(*[square(n * 10 + i) for i in range(10)]))

        @flow(name="parent-{unique}")
        async def parent():
            return sum(await asyncio.gather(*[child(n) for n in range(10)]))

        assert asyncio.run(parent()) == sum(i * i for i in range(100))
    """)], capture_output=True, text=True, env=os.environ.copy(), timeout=300)
    combined = output.stdout + output.stderr
    assert output.returncode == 0, combined
    for warning in ("EventsWorker failed", "Unable to connect", "Traceback", "Falling back", "| ERROR", "| WARNING"):
        assert warning not in combined, combined

    async def scenario():
        async with get_client() as client:
            parents = await _flow_runs_of(client, f"parent-{unique}")
            children = await _flow_runs_of(client, f"child-{unique}")
            child_ids = [c.id for c in children]
            task_filter = TaskRunFilter(flow_run_id=TaskRunFilterFlowRunId(any_=child_ids))

            async def tasks():
                return await client.read_task_runs(task_run_filter=task_filter, limit=200)

            recorded = await _poll(lambda ts: len(ts) == 100 and all(
                t.state_type and t.state_type.value == "COMPLETED" for t in ts), tasks, 30)
            # Each subflow call also leaves a task run in the parent that stands for the child.
            placeholders = await client.read_task_runs(task_run_filter=TaskRunFilter(
                flow_run_id=TaskRunFilterFlowRunId(any_=[parents[0].id])))
            return parents, children, recorded, placeholders

    parents, children, tasks, placeholders = asyncio.run(scenario())
    assert len(parents) == 1 and parents[0].state_type.value == "COMPLETED"
    assert len(children) == 10
    assert all(c.state_type.value == "COMPLETED" for c in children)
    assert len(tasks) == 100, len(tasks)
    assert all(t.state_type.value == "COMPLETED" and t.run_count == 1 for t in tasks)
    assert len(placeholders) == 10
    assert {c.parent_task_run_id for c in children} == {p.id for p in placeholders}


def test_child_flow_is_tracked_by_a_parent_task_and_its_failure_reaches_the_parent(unique):
    output = _run_script(f"""
        from prefect import flow

        @flow(name="kid-{unique}")
        def kid(fail):
            if fail:
                raise ValueError("kid failed")
            return "fine"

        @flow(name="guardian-{unique}")
        def guardian():
            ok = kid(False)
            failed = kid(True, return_state=True)
            print("KID-STATE", failed.type.value)
            return ok

        state = guardian(return_state=True)
        print("GUARDIAN-STATE", state.type.value)
    """)
    assert "KID-STATE FAILED" in output and "GUARDIAN-STATE COMPLETED" in output, output

    async def scenario():
        async with get_client() as client:
            parent = (await _flow_runs_of(client, f"guardian-{unique}"))[0]
            kids = await _flow_runs_of(client, f"kid-{unique}")
            trackers = {}
            for k in kids:
                trackers[k.id] = await client.read_task_run(k.parent_task_run_id)
            return parent, kids, trackers

    parent, kids, trackers = asyncio.run(scenario())
    assert parent.state_type.value == "COMPLETED"
    assert sorted(k.state_type.value for k in kids) == ["COMPLETED", "FAILED"]
    for k in kids:
        tracker = trackers[k.id]
        assert tracker.flow_run_id == parent.id
        assert tracker.state_type == k.state_type, (tracker.state_type, k.state_type)


def test_failing_child_fails_the_parent():
    script = textwrap.dedent("""
        from prefect import flow

        @flow
        def failing_child():
            raise RuntimeError("boom")

        @flow
        def parent():
            failing_child()

        state = parent(return_state=True)
        print("PARENT-STATE", state.type.value)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=os.environ.copy(),
                            timeout=240)
    assert "PARENT-STATE FAILED" in result.stdout, result.stdout + result.stderr


def test_persisted_results_read_back_after_the_run(unique, tmp_path):
    output = _run_script(f"""
        import asyncio
        from prefect import flow, task, get_client
        from prefect.client.schemas.filters import TaskRunFilter, TaskRunFilterFlowRunId

        @task(persist_result=True)
        def double(x):
            return {{"doubled": x * 2}}

        @flow(name="persist-{unique}", persist_result=True)
        def persisted():
            return [double(21), "flow-{unique}"]

        state = persisted(return_state=True)
        flow_run_id = state.state_details.flow_run_id

        async def read_back():
            async with get_client() as client:
                run = await client.read_flow_run(flow_run_id)
                value = await run.state.result()
                task_filter = TaskRunFilter(flow_run_id=TaskRunFilterFlowRunId(any_=[flow_run_id]))
                for _ in range(100):  # the engine reports task runs as events: recorded within moments
                    ours = await client.read_task_runs(task_run_filter=task_filter)
                    if ours and ours[0].state_type.value == "COMPLETED":
                        break
                    await asyncio.sleep(0.1)
                task_value = await ours[0].state.result()
                return value, task_value

        value, task_value = asyncio.run(read_back())
        print("FLOW-RESULT", value)
        print("TASK-RESULT", task_value)
    """)
    assert f"FLOW-RESULT [{{'doubled': 42}}, 'flow-{unique}']" in output, output
    assert "TASK-RESULT {'doubled': 42}" in output, output
