"""Deployments, schedules, work pools and queues through the stock client and CLI.

Tests that need flow runs end to end (runs-service creating and serving them) run only when PRAETOR_RUNS_READY is
set; the rest needs no served flow.
"""
import asyncio
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from prefect import get_client
from prefect.client.schemas.actions import DeploymentScheduleCreate
from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterName, WorkPoolFilter, WorkPoolFilterName
from prefect.client.schemas.schedules import CronSchedule, IntervalSchedule, RRuleSchedule

runs_ready = pytest.mark.skipif(not os.environ.get("PRAETOR_RUNS_READY"),
                                reason="needs runs-service serving flow runs (set PRAETOR_RUNS_READY)")


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


@runs_ready
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


@runs_ready
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
