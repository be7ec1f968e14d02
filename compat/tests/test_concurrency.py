"""Concurrency limits (issue 5/6 acceptance): v1 tag limits and v2 global limits with the stock client and CLI."""
import json
import os
import subprocess
import sys
import textwrap
import time
from datetime import datetime

import pytest


def _cli(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    # A wide terminal, so that rich does not truncate the columns the assertions look at.
    env = {**os.environ, "COLUMNS": "300"}
    result = subprocess.run(["prefect", *args], capture_output=True, text=True, env=env, timeout=120)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def _python(script: str, timeout: int = 300) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True,
                            env=os.environ.copy(), timeout=timeout)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _poll(check, timeout: float, what: str):
    """Calls check() until it returns a truthy value or the deadline passes."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.5)


def _max_overlap(intervals) -> int:
    """The most intervals open at one instant (an end at the same instant as a start does not overlap)."""
    points = sorted([(start, 1) for start, _ in intervals] + [(end, -1) for _, end in intervals],
                    key=lambda p: (p[0], p[1]))
    open_now = peak = 0
    for _, delta in points:
        open_now += delta
        peak = max(peak, open_now)
    return peak


def test_tag_limit_runs_tagged_tasks_one_at_a_time(http, unique):
    tag = f"etl-{unique}"
    assert "Created concurrency limit" in _cli("concurrency-limit", "create", tag, "1").stdout
    output = _python(f"""
        import time
        from prefect import flow, task

        @task(tags=["{tag}"])
        def work(i):
            time.sleep(1)
            return i

        @flow
        def tagged():
            futures = [work.submit(i) for i in range(4)]
            return [f.result() for f in futures]

        state = tagged(return_state=True)
        assert state.is_completed(), state
        print("RUN", state.state_details.flow_run_id)
    """)
    run_id = output.split("RUN ")[1].split()[0]

    def finished_task_runs():
        response = http.post("task_runs/filter", json={"flow_runs": {"id": {"any_": [run_id]}}})
        assert response.status_code == 200, response.text
        runs = response.json()
        done = [r for r in runs if r["state_type"] == "COMPLETED" and r["start_time"] and r["end_time"]]
        return done if len(done) == 4 else None

    runs = _poll(finished_task_runs, 60, "four completed task runs")
    intervals = sorted((datetime.fromisoformat(r["start_time"]), datetime.fromisoformat(r["end_time"])) for r in runs)
    for (_, end), (start, _) in zip(intervals, intervals[1:]):
        assert end <= start, f"two tasks tagged {tag} ran at once: {intervals}"
    assert all(r["tags"] == [tag] for r in runs)

    # the limit holds no slot once the tasks finished
    limit = http.get(f"concurrency_limits/tag/{tag}").json()
    assert limit["concurrency_limit"] == 1 and limit["active_slots"] == [], limit
    assert http.get(f"v2/concurrency_limits/tag:{tag}").json()["active_slots"] == 0

    assert tag in _cli("concurrency-limit", "ls").stdout
    inspected = _cli("concurrency-limit", "inspect", tag).stdout
    assert tag in inspected and limit["id"] in inspected, inspected
    as_json = json.loads(_cli("concurrency-limit", "inspect", tag, "--output", "json").stdout)
    assert as_json["tag"] == tag and as_json["concurrency_limit"] == 1
    _cli("concurrency-limit", "delete", tag)
    assert http.get(f"concurrency_limits/tag/{tag}").status_code == 404
    assert _cli("concurrency-limit", "inspect", tag, check=False).returncode != 0


def test_global_limit_admits_at_most_two_holders(http, unique):
    name = f"db-{unique}"
    _cli("gcl", "create", name, "--limit", "2")
    output = _python(f"""
        import json, time
        from prefect import flow, task
        from prefect.concurrency.sync import concurrency

        @task
        def query(i):
            with concurrency("{name}", occupy=1):
                entered = time.time()
                time.sleep(1)
                left = time.time()
            return entered, left

        @flow
        def queries():
            futures = [query.submit(i) for i in range(5)]
            return [f.result() for f in futures]

        print("INTERVALS", json.dumps(queries()))
    """)
    intervals = json.loads(output.split("INTERVALS ")[1].splitlines()[0])
    assert len(intervals) == 5
    assert _max_overlap(intervals) <= 2, intervals
    assert http.get(f"v2/concurrency_limits/{name}").json()["active_slots"] == 0

    assert name in _cli("gcl", "ls").stdout
    assert name in _cli("gcl", "inspect", name).stdout
    _cli("gcl", "update", name, "--limit", "4")
    assert http.get(f"v2/concurrency_limits/{name}").json()["limit"] == 4
    _cli("gcl", "delete", name)
    assert http.get(f"v2/concurrency_limits/{name}").status_code == 404


def test_killed_holder_lease_expires_and_its_slot_returns(http, unique):
    name = f"lease-{unique}"
    _cli("gcl", "create", name, "--limit", "1")
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import time
        from prefect.concurrency.sync import concurrency

        with concurrency("{name}", occupy=1, lease_duration=60):
            print("HELD", flush=True)
            time.sleep(600)
    """)], stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        assert holder.stdout.readline().strip() == "HELD"
        assert http.get(f"v2/concurrency_limits/{name}").json()["active_slots"] == 1
        # a second holder is refused while the slot is held
        refused = http.post("v2/concurrency_limits/increment-with-lease",
                            json={"names": [name], "slots": 1, "lease_duration": 60})
        assert refused.status_code == 423, refused.text
        assert float(refused.headers["Retry-After"]) >= 0
    finally:
        holder.kill()
        holder.wait()
    # the lease (60 s) expires and the repossessor gives the slot back
    _poll(lambda: http.get(f"v2/concurrency_limits/{name}").json()["active_slots"] == 0, 120, "the slot to return")
    granted = http.post("v2/concurrency_limits/increment-with-lease",
                        json={"names": [name], "slots": 1, "lease_duration": 60})
    assert granted.status_code == 200, granted.text
    http.post("v2/concurrency_limits/decrement-with-lease", json={"lease_id": granted.json()["lease_id"]})
    http.delete(f"v2/concurrency_limits/{name}")


def test_bad_concurrency_input_is_a_clear_4xx(http, unique):
    negative_v2 = http.post("v2/concurrency_limits/", json={"name": f"neg-{unique}", "limit": -1})
    assert negative_v2.status_code == 422, negative_v2.text
    assert negative_v2.json()["exception_detail"][0]["loc"] == ["body", "limit"]
    negative_v1 = http.post("concurrency_limits/", json={"tag": f"neg-{unique}", "concurrency_limit": -1})
    assert negative_v1.status_code == 422, negative_v1.text
    assert http.get(f"v2/concurrency_limits/neg-{unique}").status_code == 404
    assert http.get(f"concurrency_limits/tag/neg-{unique}").status_code == 404
    assert http.post("v2/concurrency_limits/increment", json={"names": ["x"], "slots": 0}).status_code == 422
    renew = http.post("v2/concurrency_limits/leases/01a22ba8-0000-7000-8000-000000000000/renew", json={})
    assert renew.status_code == 410, renew.text
    http.post("v2/concurrency_limits/", json={"name": f"dup-{unique}", "limit": 1})
    assert http.post("v2/concurrency_limits/", json={"name": f"dup-{unique}", "limit": 1}).status_code == 409
    http.delete(f"v2/concurrency_limits/dup-{unique}")
