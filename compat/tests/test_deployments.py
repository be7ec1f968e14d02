"""Deployments, schedules, work pools and queues through the stock client and CLI, and flows that are served
(`flow.serve`) or run by a process worker (`prefect worker start`) end to end.
"""
import asyncio
import os
import re
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from prefect import get_client
from prefect.client.schemas.actions import DeploymentScheduleCreate
from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterName, WorkPoolFilter, WorkPoolFilterName
from prefect.client.schemas.schedules import CronSchedule, IntervalSchedule, RRuleSchedule

FLOWS = Path(__file__).with_name("flows")
# How long a served flow or a worker may take to pick up and finish a run on a slow machine (not an assertion of speed:
# the acceptance deadlines below are the issue's own).
SETTLE_SECONDS = 120


def _cli(api_url, *args):
    prefect = Path(sys.executable).with_name("prefect")
    return subprocess.run([str(prefect), *args], capture_output=True, text=True, timeout=180,
                          env={**os.environ, "PREFECT_API_URL": api_url, "COLUMNS": "250"})


def test_cli_creates_a_process_pool_and_lists_pools_and_queues(api_url, unique):
    name = f"local-{unique}"
    created = _cli(api_url, "work-pool", "create", name, "--type", "process")
    assert created.returncode == 0, created.stdout + created.stderr
    listed = _cli(api_url, "work-pool", "ls")
    assert listed.returncode == 0, listed.stderr
    assert name in listed.stdout
    queues = _cli(api_url, "work-queue", "ls", "--pool", name)
    assert queues.returncode == 0, queues.stderr
    assert "default" in queues.stdout
    again = _cli(api_url, "work-pool", "create", name, "--type", "process")
    assert "already exists" in again.stdout + again.stderr


def test_client_reads_the_pool_with_its_default_queue_and_template(unique):
    name = f"client-pool-{unique}"

    async def scenario():
        from prefect.client.schemas.actions import WorkPoolCreate
        async with get_client() as client:
            await client.create_work_pool(WorkPoolCreate(name=name, type="process"))
            pool = await client.read_work_pool(name)
            queues = await client.read_work_queues(work_pool_name=name)
            pools = await client.read_work_pools(work_pool_filter=WorkPoolFilter(name=WorkPoolFilterName(any_=[name])))
            await client.send_worker_heartbeat(name, f"worker-{unique}", heartbeat_interval_seconds=30)
            workers = await client.read_workers_for_work_pool(name)
            return pool, queues, pools, workers

    pool, queues, pools, workers = asyncio.run(scenario())
    assert pool.default_queue_id == queues[0].id
    assert pool.status is not None
    assert [p.name for p in pools] == [name]
    assert [w.name for w in workers] == [f"worker-{unique}"]


def test_cron_and_rrule_schedules_round_trip_unchanged(unique):
    flow_name = f"scheduled-flow-{unique}"
    cron = CronSchedule(cron="0 9 * * 1-5", timezone="America/New_York", day_or=False)
    rrule = RRuleSchedule(rrule="DTSTART:20250101T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE", timezone="Europe/Berlin")
    interval = IntervalSchedule(interval=timedelta(hours=1), timezone="UTC")

    async def scenario():
        async with get_client() as client:
            flow_id = await client.create_flow_from_name(flow_name)
            deployment_id = await client.create_deployment(
                flow_id=flow_id, name="nightly", tags=["etl"], parameters={"n": 1},
                schedules=[DeploymentScheduleCreate(schedule=cron, active=True),
                           DeploymentScheduleCreate(schedule=rrule, active=True),
                           DeploymentScheduleCreate(schedule=interval, active=False)])
            by_name = await client.read_deployment_by_name(f"{flow_name}/nightly")
            found = await client.read_deployments(
                deployment_filter=DeploymentFilter(name=DeploymentFilterName(any_=["nightly"])))
            return deployment_id, by_name, found

    deployment_id, by_name, found = asyncio.run(scenario())
    assert by_name.id == deployment_id
    schedules = {type(s.schedule).__name__: s for s in by_name.schedules}
    assert schedules["CronSchedule"].schedule == cron
    assert schedules["RRuleSchedule"].schedule == rrule
    assert schedules["IntervalSchedule"].schedule.interval == timedelta(hours=1)
    assert schedules["IntervalSchedule"].active is False
    assert by_name.tags == ["etl"] and by_name.parameters == {"n": 1}
    assert deployment_id in [d.id for d in found]


def test_upsert_pause_resume_and_delete_through_the_client(unique):
    flow_name = f"upsert-flow-{unique}"

    async def scenario():
        async with get_client() as client:
            flow_id = await client.create_flow_from_name(flow_name)
            first = await client.create_deployment(flow_id=flow_id, name="d", description="one")
            second = await client.create_deployment(flow_id=flow_id, name="d", description="two")
            await client.pause_deployment(first)
            paused = await client.read_deployment(first)
            await client.resume_deployment(first)
            resumed = await client.read_deployment(first)
            await client.delete_deployment(first)
            return first, second, paused, resumed

    first, second, paused, resumed = asyncio.run(scenario())
    assert first == second
    assert paused.paused is True and resumed.paused is False


def test_cli_lists_deployments(api_url, unique):
    flow_name = f"listed-flow-{unique}"

    async def scenario():
        async with get_client() as client:
            flow_id = await client.create_flow_from_name(flow_name)
            await client.create_deployment(flow_id=flow_id, name="listed")

    asyncio.run(scenario())
    result = _cli(api_url, "deployment", "ls")
    assert result.returncode == 0, result.stderr
    assert f"{flow_name}/listed" in result.stdout


def test_bad_input_gets_prefects_4xx_bodies(http, unique):
    flow = http.post("flows/", json={"name": f"bad-input-{unique}"}).json()
    bad_cron = http.post("deployments/", json={"flow_id": flow["id"], "name": "bad",
                                               "schedules": [{"schedule": {"cron": "nope"}}]})
    assert bad_cron.status_code == 422
    missing_pool = http.post("deployments/", json={"flow_id": flow["id"], "name": "bad", "work_pool_name": "ghost"})
    assert missing_pool.status_code == 404 and missing_pool.json() == {"detail": 'Work pool "ghost" not found.'}
    assert http.post("work_pools/", json={"name": "a/b"}).status_code == 422
    assert http.get("work_pools/nope/workers/connect").status_code == 404


def test_create_flow_run_from_deployment_and_poll_it(unique):
    flow_name = f"run-me-{unique}"

    async def scenario():
        async with get_client() as client:
            flow_id = await client.create_flow_from_name(flow_name)
            deployment_id = await client.create_deployment(flow_id=flow_id, name="d", parameters={"x": 1})
            run = await client.create_flow_run_from_deployment(deployment_id, parameters={"y": 2})
            scheduled = await client.get_scheduled_flow_runs_for_deployments([deployment_id])
            return deployment_id, run, scheduled

    deployment_id, run, scheduled = asyncio.run(scenario())
    assert run.deployment_id == deployment_id
    assert run.parameters == {"x": 1, "y": 2}
    assert run.id in [r.id for r in scheduled]


def test_scheduler_creates_auto_scheduled_runs_within_seconds(unique):
    flow_name = f"auto-{unique}"

    async def scenario():
        from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterDeploymentId
        async with get_client() as client:
            flow_id = await client.create_flow_from_name(flow_name)
            deployment_id = await client.create_deployment(
                flow_id=flow_id, name="hourly",
                schedules=[DeploymentScheduleCreate(schedule=IntervalSchedule(interval=timedelta(hours=1)))])
            for _ in range(40):
                runs = await client.read_flow_runs(flow_run_filter=FlowRunFilter(
                    deployment_id=FlowRunFilterDeploymentId(any_=[deployment_id])))
                if len(runs) >= 3:
                    return runs
                await asyncio.sleep(0.5)
            return runs

    runs = asyncio.run(scenario())
    assert len(runs) == 3
    assert all("auto-scheduled" in r.tags for r in runs)


def _read_deployment(flow_and_deployment, wait_seconds=SETTLE_SECONDS):
    """The deployment once it exists (a served flow registers it after the interpreter starts)."""
    deadline = time.monotonic() + wait_seconds
    with get_client(sync_client=True) as client:
        while True:
            try:
                return client.read_deployment_by_name(flow_and_deployment)
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)


def _runs_of(deployment_id, *state_types):
    from prefect.client.schemas.filters import (FlowRunFilter, FlowRunFilterDeploymentId, FlowRunFilterState,
                                                FlowRunFilterStateType)
    state = FlowRunFilterState(type=FlowRunFilterStateType(any_=list(state_types))) if state_types else None
    with get_client(sync_client=True) as client:
        return client.read_flow_runs(flow_run_filter=FlowRunFilter(
            deployment_id=FlowRunFilterDeploymentId(any_=[deployment_id]), state=state))


def _await_state(flow_run_id, wanted, wait_seconds=SETTLE_SECONDS):
    """Polls the run until its state type is one of `wanted` (or final); returns the last state type seen."""
    final = {"COMPLETED", "FAILED", "CANCELLED", "CRASHED"}
    deadline = time.monotonic() + wait_seconds
    with get_client(sync_client=True) as client:
        while True:
            state = client.read_flow_run(flow_run_id).state
            kind = state.type.value if state else None
            if kind in wanted or kind in final or time.monotonic() > deadline:
                return kind
            time.sleep(0.5)


@contextmanager
def _served(api_url, flow_name, deployment, *interval):
    """`flow.serve(...)` in a subprocess for the duration of the block; its output is shown when a test fails."""
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen([sys.executable, str(FLOWS / "served_flows.py"), flow_name, deployment, *interval],
                                   stdout=log, stderr=subprocess.STDOUT, cwd=FLOWS,
                                   env={**os.environ, "PREFECT_API_URL": api_url})
        try:
            yield process
        except BaseException:
            log.seek(0)
            print(log.read()[-6000:])
            raise
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _started_run_id(result):
    """The run id `prefect deployment run` prints (`UUID: <id>`)."""
    assert result.returncode == 0, result.stdout + result.stderr
    found = re.search(r"UUID:\s*([0-9a-f-]{36})", result.stdout)
    assert found, result.stdout
    return found.group(1)


def test_served_flow_on_a_3_second_interval_completes_3_runs_within_20_seconds(api_url, unique):
    deployment = f"every-3s-{unique}"
    started = time.monotonic()
    with _served(api_url, "ticker", deployment, "3"):
        served = _read_deployment(f"ticker/{deployment}", wait_seconds=20)
        completed = []
        while time.monotonic() - started < 20:
            completed = _runs_of(served.id, "COMPLETED")
            if len(completed) >= 3:
                break
            time.sleep(0.5)
        assert len(completed) >= 3, f"{len(completed)} runs completed within 20 s"
        assert all(run.auto_scheduled for run in completed)


def test_deployment_run_of_a_served_flow_completes(api_url, unique):
    deployment = f"on-demand-{unique}"
    with _served(api_url, "ticker", deployment):
        _read_deployment(f"ticker/{deployment}")
        run_id = _started_run_id(_cli(api_url, "deployment", "run", f"ticker/{deployment}", "--param", "n=7"))
        assert _await_state(run_id, {"COMPLETED"}) == "COMPLETED"
        with get_client(sync_client=True) as client:
            run = client.read_flow_run(run_id)
        assert run.parameters == {"n": 7}
        assert run.auto_scheduled is False


def test_flow_run_cancel_ends_a_long_running_served_run_cancelled(api_url, unique):
    deployment = f"long-{unique}"
    with _served(api_url, "sleeper", deployment):
        _read_deployment(f"sleeper/{deployment}")
        run_id = _started_run_id(_cli(api_url, "deployment", "run", f"sleeper/{deployment}"))
        assert _await_state(run_id, {"RUNNING"}) == "RUNNING"
        cancelled = _cli(api_url, "flow-run", "cancel", run_id)
        assert cancelled.returncode == 0, cancelled.stdout + cancelled.stderr
        assert _await_state(run_id, {"CANCELLED"}) == "CANCELLED"


def test_process_worker_runs_a_deployment_from_a_local_source(api_url, unique):
    from prefect import flow

    pool = f"local-{unique}"
    deployment = f"from-source-{unique}"
    worker = f"worker-{unique}"
    created = _cli(api_url, "work-pool", "create", pool, "--type", "process")
    assert created.returncode == 0, created.stdout + created.stderr
    source = flow.from_source(source=str(FLOWS), entrypoint="served_flows.py:ticker")
    source.deploy(name=deployment, work_pool_name=pool, parameters={"n": 3}, print_next_steps=False)
    run_id = _started_run_id(_cli(api_url, "deployment", "run", f"ticker/{deployment}"))

    ran = _cli(api_url, "worker", "start", "--pool", pool, "--name", worker, "--run-once")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert _await_state(run_id, {"COMPLETED"}) == "COMPLETED", ran.stdout + ran.stderr

    async def workers():
        async with get_client() as client:
            return await client.read_workers_for_work_pool(pool)

    seen = {w.name: w for w in asyncio.run(workers())}
    assert seen[worker].status.value == "ONLINE"

    listed = _cli(api_url, "deployment", "ls")
    assert listed.returncode == 0 and f"ticker/{deployment}" in listed.stdout, listed.stderr
    queues = _cli(api_url, "work-queue", "ls")
    assert queues.returncode == 0, queues.stdout + queues.stderr
    pools = _cli(api_url, "work-pool", "ls")
    assert pools.returncode == 0 and pool in pools.stdout, pools.stderr


def test_cli_inspects_a_deployment(api_url, unique):
    flow_name = f"inspected-flow-{unique}"

    async def scenario():
        async with get_client() as client:
            flow_id = await client.create_flow_from_name(flow_name)
            await client.create_deployment(flow_id=flow_id, name="inspected", tags=["etl"])

    asyncio.run(scenario())
    inspected = _cli(api_url, "deployment", "inspect", f"{flow_name}/inspected")
    assert inspected.returncode == 0, inspected.stderr
    assert "'inspected'" in inspected.stdout and "etl" in inspected.stdout


def test_a_run_created_on_a_work_pool_gets_the_pools_queue(http, unique):
    pool = f"runs-pool-{unique}"
    assert http.post("work_pools/", json={"name": pool, "type": "process"}).status_code == 201
    default_queue = http.get(f"work_pools/{pool}").json()["default_queue_id"]
    assert http.post(f"work_pools/{pool}/queues", json={"name": "fast"}).status_code == 201
    flow = http.post("flows/", json={"name": f"pooled-{unique}"}).json()

    on_default = http.post("flow_runs/", json={"flow_id": flow["id"], "work_pool_name": pool})
    assert on_default.status_code == 201, on_default.text
    assert on_default.json()["work_queue_id"] == default_queue
    assert on_default.json()["work_queue_name"] == "default"
    assert on_default.json()["work_pool_name"] == pool
    on_fast = http.post("flow_runs/", json={"flow_id": flow["id"], "work_pool_name": pool, "work_queue_name": "fast"})
    assert on_fast.status_code == 201 and on_fast.json()["work_queue_name"] == "fast"

    missing_pool = http.post("flow_runs/", json={"flow_id": flow["id"], "work_pool_name": f"ghost-{unique}"})
    assert missing_pool.status_code == 404
    assert missing_pool.json() == {"detail": f'Work pool "ghost-{unique}" not found.'}
    missing_queue = http.post("flow_runs/", json={"flow_id": flow["id"], "work_pool_name": pool,
                                                  "work_queue_name": "nope"})
    assert missing_queue.status_code == 404
    assert missing_queue.json() == {"detail": f"Work pool queue '{pool}/nope' not found."}
    # fields Prefect's server sets itself are not taken from clients
    assert http.post("flow_runs/", json={"flow_id": flow["id"], "auto_scheduled": True}).status_code == 422


def test_deployment_run_watch_follows_a_served_run_to_completion(api_url, unique):
    """`prefect deployment run --watch` streams the run's events and logs (ws /events/out, /logs/out) until it ends."""
    deployment = f"watched-{unique}"
    with _served(api_url, "ticker", deployment):
        _read_deployment(f"ticker/{deployment}")
        result = _cli(api_url, "deployment", "run", f"ticker/{deployment}", "--watch", "--watch-timeout", "120")
        run_id = _started_run_id(result)
        output = result.stdout + result.stderr
        assert "Completed" in output or "COMPLETED" in output, output
        assert "Falling back to polling" not in output, output
        with get_client(sync_client=True) as client:
            assert client.read_flow_run(run_id).state.type.value == "COMPLETED"
