"""`ws /events/out` through the stock client: `get_events_subscriber`, and a served flow cancelled through the stream.

Events reach subscribers through the `events` topic: an event the client emits goes /events/in -> store -> outbox ->
topic -> every events-service replica -> its subscribers; a state change runs-service writes goes outbox -> topic.
"""
import asyncio
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from prefect.client.orchestration import get_client
from prefect.events import Event
from prefect.events.clients import PrefectEventsClient, get_events_subscriber
from prefect.events.filters import EventFilter, EventNameFilter, EventResourceFilter

FLOWS = Path(__file__).parent / "flows"
# How long a served flow may take to start, run or stop on a slow machine (a bound, not a speed assertion).
SETTLE_SECONDS = 90


async def _first_event(subscriber, wait_seconds=30):
    return await asyncio.wait_for(subscriber.__anext__(), timeout=wait_seconds)


def test_a_subscriber_receives_an_emitted_event_that_matches_its_filter(api_url):
    run_id = uuid.uuid4()
    name = f"compat.stream.{uuid.uuid4().hex[:8]}"

    async def main():
        subscriber_filter = EventFilter(event=EventNameFilter(prefix=[name]),
                                        resource=EventResourceFilter(id=[f"prefect.flow-run.{run_id}"]))
        async with get_events_subscriber(filter=subscriber_filter) as subscriber:
            async with PrefectEventsClient() as events:
                # Not matching (another resource), then matching.
                await events.emit(Event(event=name + ".other", resource={"prefect.resource.id": "prefect.flow-run.x"}))
                wanted = Event(event=name + ".done", resource={"prefect.resource.id": f"prefect.flow-run.{run_id}"},
                               payload={"answer": 42})
                await events.emit(wanted)
            received = await _first_event(subscriber)
            return wanted, received

    wanted, received = asyncio.run(main())
    assert received.id == wanted.id
    assert received.event == wanted.event
    assert received.resource.id == f"prefect.flow-run.{run_id}"
    assert received.payload == {"answer": 42}


def test_a_subscriber_gets_the_recent_matching_events_it_missed_as_backfill(api_url, http):
    name = f"compat.backfill.{uuid.uuid4().hex[:8]}"
    event_id = str(uuid.uuid4())
    stored = http.post("events", json=[{"id": event_id, "occurred": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                                        "event": name, "resource": {"prefect.resource.id": "prefect.flow-run.y"}}])
    assert stored.status_code == 204, stored.text

    async def main():
        async with get_events_subscriber(filter=EventFilter(event=EventNameFilter(name=[name]))) as subscriber:
            return await _first_event(subscriber)

    assert str(asyncio.run(main()).id) == event_id


def _cli(api_url, *args):
    return subprocess.run([sys.executable, "-m", "prefect", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PREFECT_API_URL": api_url})


def _await_state(flow_run_id, wanted, wait_seconds=SETTLE_SECONDS):
    deadline = time.monotonic() + wait_seconds
    with get_client(sync_client=True) as client:
        while True:
            state = client.read_flow_run(flow_run_id).state
            kind = state.type.value if state else None
            if kind in wanted or kind in {"COMPLETED", "FAILED", "CANCELLED", "CRASHED"} \
                    or time.monotonic() > deadline:
                return kind
            time.sleep(0.5)


def test_a_served_flow_is_cancelled_through_the_event_stream_without_falling_back_to_polling(api_url):
    deployment = f"cancel-via-stream-{uuid.uuid4().hex[:8]}"
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen([sys.executable, str(FLOWS / "served_flows.py"), "sleeper", deployment],
                                   stdout=log, stderr=subprocess.STDOUT, cwd=FLOWS,
                                   env={**os.environ, "PREFECT_API_URL": api_url, "PREFECT_LOGGING_LEVEL": "DEBUG"})
        try:
            with get_client(sync_client=True) as client:
                deadline = time.monotonic() + SETTLE_SECONDS
                while True:
                    try:
                        client.read_deployment_by_name(f"sleeper/{deployment}")
                        break
                    except Exception:
                        assert time.monotonic() < deadline, "the served deployment never appeared"
                        time.sleep(0.5)
            started = _cli(api_url, "deployment", "run", f"sleeper/{deployment}")
            assert started.returncode == 0, started.stdout + started.stderr
            run_id = re.search(r"UUID:\s*([0-9a-f-]{36})", started.stdout).group(1)
            assert _await_state(run_id, {"RUNNING"}) == "RUNNING"
            cancelled = _cli(api_url, "flow-run", "cancel", run_id)
            assert cancelled.returncode == 0, cancelled.stdout + cancelled.stderr
            assert _await_state(run_id, {"CANCELLED"}) == "CANCELLED"
            log.seek(0)
            output = log.read()
            assert "Falling back to polling" not in output, output[-6000:]
            assert "Failed to connect to the events stream" not in output, output[-6000:]
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
