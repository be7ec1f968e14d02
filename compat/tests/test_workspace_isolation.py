"""Workspace isolation: two workspaces hold objects with the same names; workspace A's key on A's path never sees or
touches B's objects — not by id, not by name, not through a filter, a count, an update or a delete — and A's key on
B's path is a 403.

Every collection the API serves has a recipe in RECIPES (how to make one named object in a workspace, and the routes
that read, list, count, update and delete it); the generic tests below run each recipe through the same checks.
Sub-routes that act on another object by id (a flow run's states and inputs, a deployment's schedules and runs, a
pool's workers, concurrency slots, events) have their own tests further down. test_every_served_collection_is_covered
fails when the gateway starts serving a collection that has no recipe here.

Each test makes two fresh workspaces, so "only A's" is checked exactly: a list holds A's object and nothing else.
"""
from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from typing import Any, Callable

import httpx
import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect


# --- two workspaces ------------------------------------------------------------------------------------------------

@dataclass
class Workspaces:
    a: httpx.Client       # A's key on A's path: the client every isolation check goes through
    b: httpx.Client       # B's key on B's path: makes B's objects and confirms they are untouched
    a_on_b: httpx.Client  # A's key on B's path: always refused
    name: str             # the name both workspaces use for their objects
    url_a: str
    url_b: str


@pytest.fixture
def ws(make_workspace, unique):
    url_a, key_a, _ = make_workspace(f"iso-a {unique}")
    url_b, key_b, _ = make_workspace(f"iso-b {unique}")

    def client(url, key):
        return httpx.Client(base_url=url + "/", headers={"Authorization": f"Bearer {key}"}, timeout=30)

    with client(url_a, key_a) as a, client(url_b, key_b) as b, client(url_b, key_a) as a_on_b:
        yield Workspaces(a, b, a_on_b, f"same-{unique}", url_a, url_b)


def ok(response: httpx.Response, *codes: int) -> Any:
    """The response's JSON (None when empty) after checking its status."""
    assert response.status_code in (codes or (200, 201, 204)), \
        f"{response.request.method} {response.request.url} -> {response.status_code} {response.text}"
    return response.json() if response.content else None


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


# --- makers: one named object (and what it needs) in a workspace ---------------------------------------------------

def make_flow(http, n):
    return ok(http.post("flows/", json={"name": n}), 200, 201)


def make_flow_run(http, n):
    flow = make_flow(http, n)
    return ok(http.post("flow_runs/", json={"flow_id": flow["id"], "name": n, "state": {"type": "PENDING"}}), 201)


def make_task_run(http, n):
    run = make_flow_run(http, n)
    return ok(http.post("task_runs/", json={"flow_run_id": run["id"], "task_key": n, "dynamic_key": "0", "name": n,
                                            "state": {"type": "PENDING"}}), 200, 201)


def make_flow_run_state(http, n):
    run = make_flow_run(http, n)
    states = ok(http.get("flow_run_states/", params={"flow_run_id": run["id"]}), 200)
    return {**states[0], "run_id": run["id"]}


def make_task_run_state(http, n):
    task_run = make_task_run(http, n)
    states = ok(http.get("task_run_states/", params={"task_run_id": task_run["id"]}), 200)
    return {**states[0], "run_id": task_run["id"]}


def make_log(http, n):
    run = make_flow_run(http, n)
    ok(http.post("logs/", json=[{"name": n, "level": 20, "message": n, "timestamp": now(), "flow_run_id": run["id"]}]),
       201)
    logs = ok(http.post("logs/filter", json={"logs": {"flow_run_id": {"any_": [run["id"]]}}}), 200)
    assert len(logs) == 1
    return logs[0]


def make_deployment(http, n, **extra):
    flow = make_flow(http, n)
    return ok(http.post("deployments/", json={"name": n, "flow_id": flow["id"], **extra}), 200, 201)


def make_work_pool(http, n):
    return ok(http.post("work_pools/", json={"name": n, "type": "process"}), 201)


def make_pool_queue(http, n):
    make_work_pool(http, n)
    return ok(http.post(f"work_pools/{n}/queues", json={"name": n}), 201)


def make_work_queue(http, n):
    return ok(http.post("work_queues/", json={"name": n}), 201)


def make_artifact(http, n):
    # a unique body: /artifacts/{key}/latest answers the key's collection row, whose id is not the artifact's
    return ok(http.post("artifacts/", json={"key": n, "type": "markdown", "data": f"# {n} {uuid.uuid4()}"}), 201)


def make_variable(http, n):
    return ok(http.post("variables/", json={"name": n, "value": "original"}), 201)


def make_block_type(http, n):
    return ok(http.post("block_types/", json={"name": n, "slug": n}), 201)


def make_block_schema(http, n):
    block_type = make_block_type(http, n)
    return ok(http.post("block_schemas/", json={
        "block_type_id": block_type["id"], "capabilities": [],
        "fields": {"title": n, "type": "object", "properties": {"x": {"type": "integer"}}}}), 200, 201)


def make_block_document(http, n):
    schema = make_block_schema(http, n)
    return ok(http.post("block_documents/", json={"name": n, "block_type_id": schema["block_type_id"],
                                                  "block_schema_id": schema["id"], "data": {"x": 1}}), 201)


def make_tag_limit(http, n):
    return ok(http.post("concurrency_limits/", json={"tag": n, "concurrency_limit": 1}), 200, 201)


def make_global_limit(http, n):
    return ok(http.post("v2/concurrency_limits/", json={"name": n, "limit": 1}), 201)


# --- recipes -------------------------------------------------------------------------------------------------------

Build = Callable[[str, dict, dict], Any]  # (the shared name, A's object, B's object) -> a route, body or params


@dataclass(frozen=True)
class Query:
    """A list (or count) route asked through A: it must answer exactly A's object (count 1), or — foreign=True —
    nothing at all (count 0), because it only names B's objects."""
    method: str
    path: str | Build
    body: Build | None = None
    params: Build | None = None
    foreign: bool = False
    ident: str = "id"        # the key of a listed item that holds the object's id
    projected: bool = False  # answered from another service's projection: eventually consistent

    def ask(self, http, n, a, b):
        """The answer, and how the question was put (for assertion messages)."""
        path = self.path(n, a, b) if callable(self.path) else self.path
        body, params = self.body(n, a, b) if self.body else None, self.params(n, a, b) if self.params else None
        return ok(http.request(self.method, path, json=body, params=params), 200), (self.method, path, body, params)


@dataclass(frozen=True)
class Recipe:
    id: str
    make: Callable[[httpx.Client, str], dict]
    one: Callable[[dict], str] | None = None       # the route of one object by its id
    named: Callable[[str], str] | None = None      # the route of one object by its name (slug, key, tag, ...)
    lists: tuple[Query, ...] = ()
    counts: tuple[Query, ...] = ()
    update: dict | None = None                     # a PATCH body ...
    updated: Callable[[dict], bool] | None = None  # ... and how to tell it was applied
    update_by_name: bool = False                   # PATCH also takes the name
    delete_by_name: bool = False                   # DELETE also takes the name
    deletable: bool = True                         # DELETE takes the id (states are never deleted)
    delete_status: int = 204
    named_ident: str = "id"                        # the key telling which object the name route answered

    def read_path(self, obj, n):
        return self.one(obj) if self.one else self.named(n)


def name_and_ids(collection: str, key: str = "name") -> tuple[Query, ...]:
    """The usual filter bodies of a collection: by the shared name, by both objects' ids, by B's id alone."""
    return (Query("POST", f"{collection}/filter", lambda n, a, b: {collection: {key: {"any_": [n]}}}),
            Query("POST", f"{collection}/filter", lambda n, a, b: {collection: {"id": {"any_": [a["id"], b["id"]]}}}),
            Query("POST", f"{collection}/filter", lambda n, a, b: {collection: {"id": {"any_": [b["id"]]}}},
                  foreign=True),
            Query("POST", f"{collection}/filter", lambda n, a, b: {}))


def counted(collection: str, key: str = "name") -> tuple[Query, ...]:
    return (Query("POST", f"{collection}/count", lambda n, a, b: {collection: {key: {"any_": [n]}}}),
            Query("POST", f"{collection}/count", lambda n, a, b: {collection: {"id": {"any_": [b["id"]]}}},
                  foreign=True),
            Query("POST", f"{collection}/count", lambda n, a, b: {}))


def paginated(collection: str) -> Query:
    return Query("POST", f"{collection}/paginate", lambda n, a, b: {collection: {"id": {"any_": [a["id"], b["id"]]}}})


RECIPES = [
    Recipe("flows", make_flow, one=lambda o: f"flows/{o['id']}", named=lambda n: f"flows/name/{n}",
           lists=name_and_ids("flows") + (paginated("flows"),), counts=counted("flows"),
           update={"tags": ["changed"]}, updated=lambda o: o["tags"] == ["changed"]),
    Recipe("flow_runs", make_flow_run, one=lambda o: f"flow_runs/{o['id']}",
           lists=name_and_ids("flow_runs") + (
               paginated("flow_runs"),
               Query("POST", "flow_runs/filter", lambda n, a, b: {"flows": {"name": {"any_": [n]}}},
                     projected=True),
               Query("POST", "flow_runs/filter", lambda n, a, b: {"flows": {"id": {"any_": [b["flow_id"]]}}},
                     foreign=True, projected=True)),
           counts=counted("flow_runs"),
           update={"tags": ["changed"]}, updated=lambda o: o["tags"] == ["changed"]),
    Recipe("task_runs", make_task_run, one=lambda o: f"task_runs/{o['id']}",
           lists=name_and_ids("task_runs") + (
               paginated("task_runs"),
               Query("POST", "task_runs/filter", lambda n, a, b: {"flow_runs": {"id": {"any_": [b["flow_run_id"]]}}},
                     foreign=True),
               Query("POST", "task_runs/filter", lambda n, a, b: {"flow_runs": {"name": {"any_": [n]}}})),
           counts=counted("task_runs"),
           update={"name": "changed"}, updated=lambda o: o["name"] == "changed"),
    Recipe("flow_run_states", make_flow_run_state, one=lambda o: f"flow_run_states/{o['id']}",
           lists=(Query("GET", "flow_run_states/", params=lambda n, a, b: {"flow_run_id": a["run_id"]}),
                  Query("GET", "flow_run_states/", params=lambda n, a, b: {"flow_run_id": b["run_id"]},
                        foreign=True)),
           deletable=False),
    Recipe("task_run_states", make_task_run_state, one=lambda o: f"task_run_states/{o['id']}",
           lists=(Query("GET", "task_run_states/", params=lambda n, a, b: {"task_run_id": a["run_id"]}),
                  Query("GET", "task_run_states/", params=lambda n, a, b: {"task_run_id": b["run_id"]},
                        foreign=True)),
           deletable=False),
    Recipe("logs", make_log,
           lists=(Query("POST", "logs/filter", lambda n, a, b: {}),
                  Query("POST", "logs/filter", lambda n, a, b: {
                      "logs": {"flow_run_id": {"any_": [a["flow_run_id"], b["flow_run_id"]]}}}),
                  Query("POST", "logs/filter", lambda n, a, b: {"logs": {"flow_run_id": {"any_": [b["flow_run_id"]]}}},
                        foreign=True))),
    Recipe("deployments", make_deployment, one=lambda o: f"deployments/{o['id']}",
           named=lambda n: f"deployments/name/{n}/{n}",
           lists=name_and_ids("deployments") + (
               paginated("deployments"),
               Query("POST", "deployments/filter", lambda n, a, b: {"flows": {"name": {"any_": [n]}}},
                     projected=True),
               Query("POST", "deployments/filter", lambda n, a, b: {"flows": {"id": {"any_": [b["flow_id"]]}}},
                     foreign=True, projected=True)),
           counts=counted("deployments"),
           update={"description": "changed"}, updated=lambda o: o["description"] == "changed"),
    Recipe("work_pools", make_work_pool, named=lambda n: f"work_pools/{n}",
           lists=name_and_ids("work_pools"), counts=counted("work_pools"),
           update={"description": "changed"}, updated=lambda o: o["description"] == "changed",
           update_by_name=True, delete_by_name=True),
    Recipe("work_pool_queues", make_pool_queue, named=lambda n: f"work_pools/{n}/queues/{n}",
           lists=(Query("POST", lambda n, a, b: f"work_pools/{n}/queues/filter",
                        lambda n, a, b: {"work_queues": {"name": {"any_": [n]}}}),
                  Query("POST", lambda n, a, b: f"work_pools/{n}/queues/filter",
                        lambda n, a, b: {"work_queues": {"id": {"any_": [b["id"]]}}}, foreign=True)),
           update={"description": "changed"}, updated=lambda o: o["description"] == "changed",
           update_by_name=True, delete_by_name=True),
    Recipe("work_queues", make_work_queue, one=lambda o: f"work_queues/{o['id']}",
           named=lambda n: f"work_queues/name/{n}",
           lists=(Query("POST", "work_queues/filter", lambda n, a, b: {"work_queues": {"name": {"any_": [n]}}}),
                  Query("POST", "work_queues/filter", lambda n, a, b: {"work_queues": {"id": {"any_": [b["id"]]}}},
                        foreign=True)),
           update={"description": "changed"}, updated=lambda o: o["description"] == "changed"),
    Recipe("artifacts", make_artifact, one=lambda o: f"artifacts/{o['id']}", named=lambda n: f"artifacts/{n}/latest",
           named_ident="data",
           lists=name_and_ids("artifacts", key="key") + (
               Query("POST", "artifacts/latest/filter", lambda n, a, b: {"artifacts": {"key": {"any_": [n]}}},
                     ident="latest_id"),
               Query("POST", "artifacts/latest/filter", lambda n, a, b: {}, ident="latest_id")),
           counts=counted("artifacts", key="key") + (
               Query("POST", "artifacts/latest/count", lambda n, a, b: {"artifacts": {"key": {"any_": [n]}}}),),
           update={"description": "changed"}, updated=lambda o: o["description"] == "changed"),
    Recipe("variables", make_variable, one=lambda o: f"variables/{o['id']}", named=lambda n: f"variables/name/{n}",
           lists=name_and_ids("variables"), counts=counted("variables"),
           update={"value": "changed"}, updated=lambda o: o["value"] == "changed",
           update_by_name=True, delete_by_name=True),
    Recipe("block_types", make_block_type, one=lambda o: f"block_types/{o['id']}",
           named=lambda n: f"block_types/slug/{n}",
           lists=(Query("POST", "block_types/filter", lambda n, a, b: {"block_types": {"name": {"like_": n}}}),
                  Query("POST", "block_types/filter", lambda n, a, b: {})),
           update={"description": "changed"}, updated=lambda o: o["description"] == "changed"),
    # read by checksum: test_block_schema_by_checksum_answers_the_workspaces_own_schema
    Recipe("block_schemas", make_block_schema, one=lambda o: f"block_schemas/{o['id']}",
           lists=(Query("POST", "block_schemas/filter", lambda n, a, b: {
                      "block_schemas": {"block_type_id": {"any_": [a["block_type_id"], b["block_type_id"]]}}}),
                  Query("POST", "block_schemas/filter", lambda n, a, b: {
                      "block_schemas": {"block_type_id": {"any_": [b["block_type_id"]]}}}, foreign=True),
                  Query("POST", "block_schemas/filter", lambda n, a, b: {}))),
    Recipe("block_documents", make_block_document, one=lambda o: f"block_documents/{o['id']}",
           named=lambda n: f"block_types/slug/{n}/block_documents/name/{n}",
           lists=name_and_ids("block_documents") + (
               Query("GET", lambda n, a, b: f"block_types/slug/{n}/block_documents"),
               Query("POST", "block_documents/filter", lambda n, a, b: {"block_types": {"slug": {"any_": [n]}}}),
               Query("POST", "block_documents/filter",
                     lambda n, a, b: {"block_schemas": {"id": {"any_": [b["block_schema_id"]]}}}, foreign=True)),
           counts=counted("block_documents"),
           update={"data": {"x": 2}}, updated=lambda o: o["data"] == {"x": 2}),
    Recipe("concurrency_limits", make_tag_limit, one=lambda o: f"concurrency_limits/{o['id']}",
           named=lambda n: f"concurrency_limits/tag/{n}",
           lists=(Query("POST", "concurrency_limits/filter", lambda n, a, b: {}),),
           delete_by_name=True, delete_status=200),
    Recipe("v2/concurrency_limits", make_global_limit, one=lambda o: f"v2/concurrency_limits/{o['id']}",
           named=lambda n: f"v2/concurrency_limits/{n}",
           lists=(Query("POST", "v2/concurrency_limits/filter", lambda n, a, b: {}),),
           update={"limit": 7}, updated=lambda o: o["limit"] == 7, update_by_name=True, delete_by_name=True),
]
RECIPES_BY_ID = {r.id: r for r in RECIPES}


def made(recipe: Recipe, w: Workspaces) -> tuple[dict, dict]:
    a, b = recipe.make(w.a, w.name), recipe.make(w.b, w.name)
    assert a["id"] != b["id"]
    return a, b


def recipes(where: Callable[[Recipe], Any]) -> list:
    return [pytest.param(r, id=r.id) for r in RECIPES if where(r)]


def settle(queries: list[Query], ws: Workspaces, a: dict, b: dict):
    """Waits until each query sees each workspace's own object: the projections behind it hold both A's and B's
    objects, so that what A sees from then on (B's object or not) is final."""
    deadline = time.monotonic() + 30
    for query in queries:
        while not (query.ask(ws.a, ws.name, a, b)[0] and query.ask(ws.b, ws.name, b, a)[0]):
            assert time.monotonic() < deadline, f"the projection behind {query} did not catch up"
            time.sleep(0.2)


# --- the generic checks --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("recipe", recipes(lambda r: r.one))
def test_b_object_by_id_is_missing_for_a(ws, recipe):
    a, b = made(recipe, ws)
    assert ws.a.get(recipe.one(b)).status_code == 404
    assert ok(ws.a.get(recipe.one(a)), 200)["id"] == a["id"]
    assert ok(ws.b.get(recipe.one(b)), 200)["id"] == b["id"]


@pytest.mark.parametrize("recipe", recipes(lambda r: r.named))
def test_reading_by_name_finds_the_workspaces_own_object(ws, recipe):
    a, b = made(recipe, ws)
    key = recipe.named_ident
    assert ok(ws.a.get(recipe.named(ws.name)), 200)[key] == a[key]
    assert ok(ws.b.get(recipe.named(ws.name)), 200)[key] == b[key]


@pytest.mark.parametrize("recipe", recipes(lambda r: r.lists))
def test_lists_hold_only_the_workspaces_objects(ws, recipe):
    a, b = made(recipe, ws)
    settle([q for q in recipe.lists if q.projected and not q.foreign], ws, a, b)
    for query in recipe.lists:
        answer, asked = query.ask(ws.a, ws.name, a, b)
        items = answer["results"] if isinstance(answer, dict) else answer
        expected = [] if query.foreign else [a["id"]]
        assert [item[query.ident] for item in items] == expected, (asked, answer)


@pytest.mark.parametrize("recipe", recipes(lambda r: r.counts))
def test_counts_count_only_the_workspaces_objects(ws, recipe):
    a, b = made(recipe, ws)
    for query in recipe.counts:
        answer, asked = query.ask(ws.a, ws.name, a, b)
        assert answer == (0 if query.foreign else 1), asked


@pytest.mark.parametrize("recipe", recipes(lambda r: r.one and r.update))
def test_updating_b_object_by_id_is_missing_and_leaves_it_alone(ws, recipe):
    a, b = made(recipe, ws)
    assert ws.a.patch(recipe.one(b), json=recipe.update).status_code == 404
    assert not recipe.updated(ok(ws.b.get(recipe.one(b)), 200))
    ok(ws.a.patch(recipe.one(a), json=recipe.update), 204)
    assert recipe.updated(ok(ws.a.get(recipe.one(a)), 200))
    assert not recipe.updated(ok(ws.b.get(recipe.one(b)), 200))


@pytest.mark.parametrize("recipe", recipes(lambda r: r.update_by_name))
def test_updating_by_name_changes_only_the_workspaces_object(ws, recipe):
    a, b = made(recipe, ws)
    ok(ws.a.patch(recipe.named(ws.name), json=recipe.update), 204)
    assert recipe.updated(ok(ws.a.get(recipe.read_path(a, ws.name)), 200))
    assert not recipe.updated(ok(ws.b.get(recipe.read_path(b, ws.name)), 200))


@pytest.mark.parametrize("recipe", recipes(lambda r: r.one and r.deletable))
def test_deleting_b_object_by_id_is_missing_and_leaves_it_alone(ws, recipe):
    a, b = made(recipe, ws)
    assert ws.a.delete(recipe.one(b)).status_code == 404
    assert ok(ws.b.get(recipe.one(b)), 200)["id"] == b["id"]
    ok(ws.a.delete(recipe.one(a)), recipe.delete_status)
    assert ws.a.get(recipe.one(a)).status_code == 404
    assert ok(ws.b.get(recipe.one(b)), 200)["id"] == b["id"]


@pytest.mark.parametrize("recipe", recipes(lambda r: r.delete_by_name))
def test_deleting_by_name_deletes_only_the_workspaces_object(ws, recipe):
    a, b = made(recipe, ws)
    ok(ws.a.delete(recipe.named(ws.name)), recipe.delete_status)
    assert ws.a.get(recipe.named(ws.name)).status_code == 404
    assert ok(ws.b.get(recipe.read_path(b, ws.name)), 200)["id"] == b["id"]


# --- routes that act on another object by id -------------------------------------------------------------------------

def test_block_schema_by_checksum_answers_the_workspaces_own_schema(ws):
    a, b = made(RECIPES_BY_ID["block_schemas"], ws)
    assert a["checksum"] == b["checksum"]  # the same fields in both workspaces
    assert ok(ws.a.get(f"block_schemas/checksum/{a['checksum']}"), 200)["id"] == a["id"]
    assert ok(ws.b.get(f"block_schemas/checksum/{b['checksum']}"), 200)["id"] == b["id"]


def test_writes_of_a_naming_b_run_never_show_in_b(ws):
    run_b = make_flow_run(ws.b, ws.name)
    # Prefect does not check these references: A may write them, but they stay A's
    ok(ws.a.post("logs/", json=[{"name": ws.name, "level": 20, "message": "from-a", "timestamp": now(),
                                 "flow_run_id": run_b["id"]}]), 201)
    ok(ws.a.post("artifacts/", json={"key": ws.name, "type": "markdown", "data": "from-a",
                                     "flow_run_id": run_b["id"]}), 201)
    by_run = {"flow_run_id": {"any_": [run_b["id"]]}}
    assert ok(ws.b.post("logs/filter", json={"logs": by_run}), 200) == []
    assert "from-a" not in ws.b.get(f"flow_runs/{run_b['id']}/logs/download").text
    assert ok(ws.b.post("artifacts/filter", json={"artifacts": by_run}), 200) == []
    assert ws.b.get(f"artifacts/{ws.name}/latest").status_code == 404


def test_installing_system_block_types_installs_them_in_one_workspace(ws):
    ok(ws.a.post("block_types/install_system_block_types"), 200)
    assert ok(ws.a.get("block_types/slug/secret"), 200)["is_protected"] is True
    assert ws.b.get("block_types/slug/secret").status_code == 404
    assert ok(ws.b.post("block_schemas/filter", json={}), 200) == []


def _world(http, n):
    """A flow, a pool with a queue, a deployment of the flow on that queue, a run of it with a task run."""
    make_pool_queue(http, n)
    deployment = make_deployment(http, n, work_pool_name=n, work_queue_name=n)
    run = ok(http.post(f"deployments/{deployment['id']}/create_flow_run", json={}), 201)
    task_run = ok(http.post("task_runs/", json={"flow_run_id": run["id"], "task_key": n, "dynamic_key": "0"}),
                  200, 201)
    return {"deployment": deployment, "run": run, "task_run": task_run}


def _look(http, n, world):
    deployment = ok(http.get(f"deployments/{world['deployment']['id']}"), 200)
    run = ok(http.get(f"flow_runs/{world['run']['id']}"), 200)
    return {"flow": ok(http.get(f"flows/name/{n}"), 200)["id"],
            "deployment": (deployment["work_pool_name"], deployment["work_queue_name"], deployment["work_queue_id"]),
            "run": (run["deployment_id"], run["work_pool_name"], run["work_queue_name"], run["work_queue_id"]),
            "task_run": ok(http.get(f"task_runs/{world['task_run']['id']}"), 200)["flow_run_id"],
            "queue": ok(http.get(f"work_pools/{n}/queues/{n}"), 200)["id"]}


def test_deleting_a_world_cascades_only_within_a(ws):
    n = ws.name
    world_a, world_b = _world(ws.a, n), _world(ws.b, n)
    before = _look(ws.b, n, world_b)
    ok(ws.a.delete(f"work_pools/{n}"), 204)
    ok(ws.a.delete(f"deployments/{world_a['deployment']['id']}"), 204)
    ok(ws.a.delete(f"flows/{world_a['deployment']['flow_id']}"), 204)
    deadline = time.monotonic() + 30  # deleting a flow deletes its runs, in the background
    while ok(ws.a.post("flow_runs/count", json={}), 200) or ok(ws.a.post("task_runs/count", json={}), 200):
        assert time.monotonic() < deadline, "A's runs outlived their flow"
        time.sleep(0.5)
    assert _look(ws.b, n, world_b) == before
    assert ok(ws.b.post("flow_runs/count", json={}), 200) == 1


def test_bulk_deleting_b_flows_deletes_nothing(ws):
    a, b = made(RECIPES_BY_ID["flows"], ws)
    assert ok(ws.a.post("flows/bulk_delete", json={"flows": {"id": {"any_": [b["id"]]}}}), 200)["deleted"] == []
    assert ok(ws.a.post("flows/bulk_delete", json={"flows": {"name": {"any_": [ws.name]}}}), 200)["deleted"] \
        == [a["id"]]
    assert ok(ws.b.get(f"flows/{b['id']}"), 200)["id"] == b["id"]


def test_histories_and_next_runs_count_only_the_workspaces_runs(ws):
    flow_a, flow_b = made(RECIPES_BY_ID["flows"], ws)
    runs = {}
    for http, flow in ((ws.a, flow_a), (ws.b, flow_b)):
        runs[flow["id"]] = ok(http.post("flow_runs/", json={"flow_id": flow["id"], "state": {"type": "SCHEDULED"}}),
                              201)
        ok(http.post("task_runs/", json={"flow_run_id": runs[flow["id"]]["id"], "task_key": ws.name,
                                         "dynamic_key": "0", "state": {"type": "PENDING"}}), 200, 201)
    window = {"history_start": "2000-01-01T00:00:00Z", "history_end": "2100-01-01T00:00:00Z",
              "history_interval_seconds": 100 * 366 * 86400}
    for route, state in (("flow_runs/history", "SCHEDULED"), ("task_runs/history", "PENDING")):
        counts = [(s["state_type"], s["count_runs"]) for bucket in ok(ws.a.post(route, json=window), 200)
                  for s in bucket["states"]]
        assert counts == [(state, 1)], route
    # next runs are found through runs-service's projection of flows: wait until it holds both flows
    flow_ids = {"flow_ids": [flow_a["id"], flow_b["id"]]}
    deadline = time.monotonic() + 30
    while not (ok(ws.a.post("ui/flows/next-runs", json=flow_ids), 200)[flow_a["id"]]
               and ok(ws.b.post("ui/flows/next-runs", json=flow_ids), 200)[flow_b["id"]]):
        assert time.monotonic() < deadline, "the next runs did not show up"
        time.sleep(0.2)
    next_runs = ok(ws.a.post("ui/flows/next-runs", json=flow_ids), 200)
    assert next_runs[flow_b["id"]] is None and next_runs[flow_a["id"]]["id"] == runs[flow_a["id"]]["id"]


def test_flow_run_routes_on_b_run_are_missing(ws):
    n = ws.name
    a, b = made(RECIPES_BY_ID["flow_runs"], ws)
    for http, run in ((ws.a, a), (ws.b, b)):
        ok(http.post(f"flow_runs/{run['id']}/input", json={"key": n, "value": '"kept"'}), 201)
    assert ws.a.get(f"flow_runs/{a['id']}/input/{n}").text == '"kept"'  # A's own sub-routes work

    refused = [
        ws.a.post(f"flow_runs/{b['id']}/set_state", json={"state": {"type": "RUNNING"}}),
        ws.a.post(f"flow_runs/{b['id']}/resume", json={}),
        ws.a.patch(f"flow_runs/{b['id']}/labels", json={"leaked": "yes"}),
        ws.a.get(f"flow_runs/{b['id']}/graph"),
        ws.a.get(f"flow_runs/{b['id']}/graph-v2"),
        ws.a.get(f"flow_runs/{b['id']}/logs/download"),
        ws.a.post(f"flow_runs/{b['id']}/input", json={"key": f"{n}-new", "value": '"x"'}),
        ws.a.get(f"flow_runs/{b['id']}/input/{n}"),
        ws.a.delete(f"flow_runs/{b['id']}/input/{n}"),
    ]
    assert [(r.request.method, r.request.url.path[-40:], r.status_code) for r in refused if r.status_code != 404] == []
    inputs = ws.a.post(f"flow_runs/{b['id']}/input/filter", json={"prefix": n})
    assert inputs.status_code == 404 or ok(inputs, 200) == []

    bulk_state = ws.a.post("flow_runs/bulk_set_state", json={"flow_run_ids": [b["id"]], "state": {"type": "RUNNING"}})
    assert bulk_state.status_code < 500, bulk_state.text
    bulk_delete = ok(ws.a.post("flow_runs/bulk_delete", json={"flow_runs": {"id": {"any_": [b["id"]]}}}), 200)
    assert bulk_delete["deleted"] == []

    run_b = ok(ws.b.get(f"flow_runs/{b['id']}"), 200)
    assert run_b["state_type"] == "PENDING" and "leaked" not in run_b["labels"]
    assert ws.b.get(f"flow_runs/{b['id']}/input/{n}").text == '"kept"'
    assert ws.b.get(f"flow_runs/{b['id']}/input/{n}-new").status_code == 404
    assert len(ok(ws.b.get("flow_run_states/", params={"flow_run_id": b["id"]}), 200)) == 1  # still just PENDING


def test_task_run_routes_on_b_task_run_are_missing(ws):
    a, b = made(RECIPES_BY_ID["task_runs"], ws)
    for http, task_run in ((ws.a, a), (ws.b, b)):  # a task run may only start in a running flow run
        ok(http.post(f"flow_runs/{task_run['flow_run_id']}/set_state", json={"state": {"type": "RUNNING"}}), 201)
    assert ws.a.post(f"task_runs/{b['id']}/set_state", json={"state": {"type": "RUNNING"}}).status_code == 404
    assert ok(ws.b.get(f"task_runs/{b['id']}"), 200)["state_type"] == "PENDING"
    ok(ws.a.post(f"task_runs/{a['id']}/set_state", json={"state": {"type": "RUNNING"}}), 200, 201)
    assert ok(ws.a.get(f"task_runs/{a['id']}"), 200)["state_type"] == "RUNNING"
    assert ok(ws.b.get(f"task_runs/{b['id']}"), 200)["state_type"] == "PENDING"


def test_a_task_runs_cache_never_hits_b_result(ws):
    cache = {"cache_key": f"iso-cache-{ws.name}", "cache_expiration": "2100-01-01T00:00:00Z"}
    task_a, task_b = made(RECIPES_BY_ID["task_runs"], ws)
    for http, task_run in ((ws.a, task_a), (ws.b, task_b)):
        ok(http.post(f"flow_runs/{task_run['flow_run_id']}/set_state", json={"state": {"type": "RUNNING"}}), 201)
    ok(ws.b.post(f"task_runs/{task_b['id']}/set_state", json={"state": {"type": "RUNNING"}}), 201)
    ok(ws.b.post(f"task_runs/{task_b['id']}/set_state", json={"state": {
        "type": "COMPLETED", "data": {"result": "b's"}, "state_details": cache}}), 201)
    proposed = {"state": {"type": "RUNNING", "state_details": {"cache_key": cache["cache_key"]}}}
    answer = ok(ws.a.post(f"task_runs/{task_a['id']}/set_state", json=proposed), 200, 201)
    assert (answer["status"], answer["state"]["type"], answer["state"]["data"]) == ("ACCEPT", "RUNNING", None)
    # the same proposal in B hits B's cache: the rule is there, it just does not cross workspaces
    other_b = ok(ws.b.post("task_runs/", json={"flow_run_id": task_b["flow_run_id"], "task_key": ws.name,
                                               "dynamic_key": "1"}), 200, 201)
    cached = ok(ws.b.post(f"task_runs/{other_b['id']}/set_state", json=proposed), 200, 201)
    assert (cached["state"]["type"], cached["state"]["data"]) == ("COMPLETED", {"result": "b's"})


def test_a_background_task_run_is_not_b_one_of_the_same_key(ws):
    # no flow run: "create or return the existing one" goes by task key and dynamic key alone
    key = {"task_key": ws.name, "dynamic_key": "0"}
    a, b = ok(ws.a.post("task_runs/", json=key), 200, 201), ok(ws.b.post("task_runs/", json=key), 200, 201)
    assert a["id"] != b["id"]
    assert ok(ws.a.post("task_runs/", json=key), 200, 201)["id"] == a["id"]


def test_deployment_routes_on_b_deployment_are_missing(ws):
    n = ws.name
    # paused, so only a /schedule call can make runs of its active schedule
    schedules = [{"schedule": {"interval": 3600}, "active": True}]
    a = make_deployment(ws.a, n, schedules=schedules, paused=True)
    b = make_deployment(ws.b, n, schedules=schedules, paused=True)
    b_schedule = b["schedules"][0]["id"]
    refused = [
        ws.a.post(f"deployments/{b['id']}/create_flow_run", json={}),
        ws.a.post(f"deployments/{b['id']}/create_flow_run/bulk", json=[{}]),
        ws.a.get(f"deployments/{b['id']}/schedules"),
        ws.a.post(f"deployments/{b['id']}/schedules", json=schedules),
        ws.a.patch(f"deployments/{b['id']}/schedules/{b_schedule}", json={"active": True}),
        ws.a.delete(f"deployments/{b['id']}/schedules/{b_schedule}"),
        # A's own deployment with B's schedule id
        ws.a.patch(f"deployments/{a['id']}/schedules/{b_schedule}", json={"active": True}),
        ws.a.delete(f"deployments/{a['id']}/schedules/{b_schedule}"),
        ws.a.post(f"deployments/{b['id']}/pause_deployment"),
        ws.a.post(f"deployments/{b['id']}/resume_deployment"),
    ]
    assert [(r.request.method, r.request.url.path[-60:], r.status_code) for r in refused if r.status_code != 404] == []
    # /schedule of an unknown deployment does nothing (200 null): B's is unknown to A
    assert ok(ws.a.post(f"deployments/{b['id']}/schedule", json={}), 200) is None
    scheduled = ok(ws.a.post("deployments/get_scheduled_flow_runs", json={"deployment_ids": [a["id"], b["id"]]}), 200)
    assert all(run["deployment_id"] == a["id"] for run in scheduled)
    assert ok(ws.a.post("deployments/bulk_delete", json={"deployments": {"id": {"any_": [b["id"]]}}}),
              200)["deleted"] == []
    counts = ok(ws.a.post("ui/flows/count-deployments", json={"flow_ids": [a["flow_id"], b["flow_id"]]}), 200)
    assert counts == {a["flow_id"]: 1, b["flow_id"]: 0}

    after = ok(ws.b.get(f"deployments/{b['id']}"), 200)
    assert after["paused"] is True
    assert [(s["id"], s["active"]) for s in ok(ws.b.get(f"deployments/{b['id']}/schedules"), 200)] == \
        [(b_schedule, True)]
    assert ok(ws.b.post("flow_runs/count", json={}), 200) == 0  # no run was made in B
    # A's own routes work
    assert ok(ws.a.post(f"deployments/{a['id']}/create_flow_run", json={}), 201)["deployment_id"] == a["id"]
    ok(ws.a.post(f"deployments/{a['id']}/schedule", json={}), 200)
    assert ok(ws.a.post("flow_runs/count", json={}), 200) > 1
    assert ok(ws.b.post("flow_runs/count", json={}), 200) == 0


def test_work_pool_workers_and_queues_stay_in_their_workspace(ws):
    n = ws.name
    make_work_pool(ws.a, n)
    make_work_pool(ws.b, n)
    for http in (ws.a, ws.b):
        ok(http.post(f"work_pools/{n}/workers/heartbeat", json={"name": n}), 204)
    worker_a = ok(ws.a.post(f"work_pools/{n}/workers/filter", json={}), 200)
    worker_b = ok(ws.b.post(f"work_pools/{n}/workers/filter", json={}), 200)
    assert len(worker_a) == 1 and len(worker_b) == 1 and worker_a[0]["id"] != worker_b[0]["id"]
    ok(ws.a.delete(f"work_pools/{n}/workers/{n}"), 204)
    assert ok(ws.a.post(f"work_pools/{n}/workers/filter", json={}), 200) == []
    assert [w["id"] for w in ok(ws.b.post(f"work_pools/{n}/workers/filter", json={}), 200)] == [worker_b[0]["id"]]

    # a scheduled run in B's pool is never offered to A's pool of the same name
    flow = make_flow(ws.b, n)
    run_b = ok(ws.b.post("flow_runs/", json={"flow_id": flow["id"], "work_pool_name": n,
                                             "state": {"type": "SCHEDULED"}}), 201)
    assert ok(ws.a.post(f"work_pools/{n}/get_scheduled_flow_runs", json={}), 200) == []
    offered_b = ok(ws.b.post(f"work_pools/{n}/get_scheduled_flow_runs", json={}), 200)
    assert [r["flow_run"]["id"] for r in offered_b] == [run_b["id"]]

    queue_b = run_b["work_queue_id"]
    assert ws.a.post(f"work_queues/{queue_b}/get_runs", json={}).status_code == 404
    assert ws.a.get(f"work_queues/{queue_b}/status").status_code == 404
    assert [r["id"] for r in ok(ws.b.post(f"work_queues/{queue_b}/get_runs", json={}), 200)] == [run_b["id"]]


def test_a_pool_only_b_has_is_as_unknown_to_a_as_a_made_up_one(ws):
    n = ws.name
    make_work_pool(ws.b, n)
    flow = make_flow(ws.a, n)
    only_in_b = ws.a.post("flow_runs/", json={"flow_id": flow["id"], "work_pool_name": n})
    made_up = ws.a.post("flow_runs/", json={"flow_id": flow["id"], "work_pool_name": f"{n}-ghost"})
    assert only_in_b.status_code == made_up.status_code == 404
    assert ws.a.post(f"work_pools/{n}/queues", json={"name": "q"}).status_code == 404
    assert ws.a.post(f"work_pools/{n}/workers/heartbeat", json={"name": "w"}).status_code == 404
    assert ws.a.get(f"work_pools/{n}/workers/connect").status_code == 404
    assert ws.a.post("deployments/", json={"name": n, "flow_id": flow["id"], "work_pool_name": n}).status_code \
        == 404
    deployment = make_deployment(ws.a, f"{n}-own")
    assert ws.a.patch(f"deployments/{deployment['id']}", json={"work_pool_name": n}).status_code \
        == ws.a.patch(f"deployments/{deployment['id']}", json={"work_pool_name": f"{n}-ghost"}).status_code == 404


REFERENCES = [  # (route, body naming an object of the given workspace's world) for creates that refer to others
    ("flow_runs/", lambda o: {"flow_id": o["flow"]["id"]}),
    ("deployments/", lambda o: {"name": "ref", "flow_id": o["flow"]["id"]}),
    ("task_runs/", lambda o: {"flow_run_id": o["flow_run"]["id"], "task_key": "ref", "dynamic_key": "0"}),
    ("flow_runs/", lambda o: {"flow_id": o["own_flow"]["id"], "deployment_id": o["deployment"]["id"]}),
    ("block_schemas/", lambda o: {"block_type_id": o["block_document"]["block_type_id"], "fields": {"title": "r"}}),
    ("block_documents/", lambda o: {"name": "ref", "block_type_id": o["block_document"]["block_type_id"],
                                    "block_schema_id": o["block_document"]["block_schema_id"], "data": {}}),
    # A's own block document whose data references B's document: resolving it would hand B's data to A
    ("block_documents/", lambda o: {"name": "ref", "block_type_id": o["own_block_schema"]["block_type_id"],
                                    "block_schema_id": o["own_block_schema"]["id"],
                                    "data": {"inner": {"$ref": {"block_document_id": o["block_document"]["id"]}}}}),
    # A's own block type with a schema nesting a block type only B has
    ("block_schemas/", lambda o: {"block_type_id": o["own_block_schema"]["block_type_id"], "capabilities": [],
                                  "fields": {"title": "outer", "type": "object",
                                             "block_schema_references": {"inner": {
                                                 "block_type_slug": o["block_type"]["slug"],
                                                 "block_schema_checksum": o["block_type"]["checksum"]}}}}),
]


@pytest.mark.parametrize("route, body", REFERENCES, ids=[f"{r} {i}" for i, (r, _) in enumerate(REFERENCES)])
def test_a_reference_to_b_object_is_as_unknown_as_a_made_up_id(ws, route, body):
    n = ws.name
    run_b = make_flow_run(ws.b, n)
    document_b = make_block_document(ws.b, n)
    schema_b = ok(ws.b.get(f"block_schemas/{document_b['block_schema_id']}"), 200)
    b = {"flow": {"id": run_b["flow_id"]}, "flow_run": run_b, "deployment": make_deployment(ws.b, n),
         "block_document": document_b, "block_type": {"slug": n, "checksum": schema_b["checksum"]}}
    made_up = {key: {k: (str(uuid.uuid4()) if k.endswith("id") else f"{v}-ghost" if k == "slug" else v)
                     for k, v in value.items()} for key, value in b.items()}
    own = {"own_flow": make_flow(ws.a, n), "own_block_schema": make_block_schema(ws.a, f"{n}-own")}
    foreign = ws.a.post(route, json=body(b | own))
    unknown = ws.a.post(route, json=body(made_up | own))
    assert foreign.status_code == unknown.status_code, (foreign.text, unknown.text)


def test_global_concurrency_slots_and_leases_stay_in_their_workspace(ws):
    n = ws.name
    a, b = made(RECIPES_BY_ID["v2/concurrency_limits"], ws)
    taken = ok(ws.b.post("v2/concurrency_limits/increment-with-lease", json={"names": [n], "slots": 1}), 200)
    assert [limit["id"] for limit in taken["limits"]] == [b["id"]]
    # B's only slot is taken; A's limit of the same name is still free
    assert [limit["id"] for limit in ok(ws.a.post("v2/concurrency_limits/increment",
                                                  json={"names": [n], "slots": 1}), 200)] == [a["id"]]
    assert ok(ws.b.get(f"v2/concurrency_limits/{b['id']}"), 200)["active_slots"] == 1
    # A cannot release or renew B's lease
    ws.a.post("v2/concurrency_limits/decrement-with-lease", json={"lease_id": taken["lease_id"]})
    assert ws.a.post(f"v2/concurrency_limits/leases/{taken['lease_id']}/renew", json={}).status_code in (404, 410)
    assert ok(ws.b.get(f"v2/concurrency_limits/{b['id']}"), 200)["active_slots"] == 1
    ok(ws.a.post("v2/concurrency_limits/decrement", json={"names": [n], "slots": 1}), 200)
    assert ok(ws.a.get(f"v2/concurrency_limits/{a['id']}"), 200)["active_slots"] == 0
    assert ok(ws.b.get(f"v2/concurrency_limits/{b['id']}"), 200)["active_slots"] == 1
    ok(ws.b.post("v2/concurrency_limits/decrement-with-lease", json={"lease_id": taken["lease_id"]}), 204)
    assert ok(ws.b.get(f"v2/concurrency_limits/{b['id']}"), 200)["active_slots"] == 0


def test_tag_concurrency_slots_stay_in_their_workspace(ws):
    n = ws.name
    a, b = made(RECIPES_BY_ID["concurrency_limits"], ws)
    task_run_b = str(uuid.uuid4())
    ok(ws.b.post("concurrency_limits/increment", json={"names": [n], "task_run_id": task_run_b}), 200)
    task_run_a = str(uuid.uuid4())
    ok(ws.a.post("concurrency_limits/increment", json={"names": [n], "task_run_id": task_run_a}), 200)
    assert ok(ws.a.get(f"concurrency_limits/tag/{n}"), 200)["active_slots"] == [task_run_a]
    assert ok(ws.b.get(f"concurrency_limits/tag/{n}"), 200)["active_slots"] == [task_run_b]
    # A releasing B's task run, or resetting its own tag, leaves B's slot taken
    ws.a.post("concurrency_limits/decrement", json={"names": [n], "task_run_id": task_run_b})
    ok(ws.a.post(f"concurrency_limits/tag/{n}/reset", json={}), 200)
    assert ok(ws.a.get(f"concurrency_limits/tag/{n}"), 200)["active_slots"] == []
    assert ok(ws.b.get(f"concurrency_limits/tag/{n}"), 200)["active_slots"] == [task_run_b]
    # upserting A's tag limit leaves B's limit as it was
    ok(ws.a.post("concurrency_limits/", json={"tag": n, "concurrency_limit": 9}), 200, 201)
    assert ok(ws.b.get(f"concurrency_limits/tag/{n}"), 200)["concurrency_limit"] == 1


def test_b_tag_limit_does_not_hold_back_a_task_run(ws):
    n = ws.name
    ok(ws.b.post("concurrency_limits/", json={"tag": n, "concurrency_limit": 0}), 200, 201)  # B allows none
    for http in (ws.a, ws.b):
        run = make_flow_run(http, n)
        ok(http.post(f"flow_runs/{run['id']}/set_state", json={"state": {"type": "RUNNING"}}), 201)
        task_run = ok(http.post("task_runs/", json={"flow_run_id": run["id"], "task_key": n, "dynamic_key": "0",
                                                    "tags": [n], "state": {"type": "PENDING"}}), 200, 201)
        answer = ok(http.post(f"task_runs/{task_run['id']}/set_state", json={"state": {"type": "RUNNING"}}), 200, 201)
        if http is ws.a:
            assert answer["status"] == "ACCEPT", answer
        else:  # the limit holds in its own workspace
            assert answer["status"] != "ACCEPT", answer


def test_events_of_b_runs_stay_in_b(ws):
    a, b = made(RECIPES_BY_ID["flow_runs"], ws)
    for http, run in ((ws.a, a), (ws.b, b)):
        ok(http.post(f"flow_runs/{run['id']}/set_state", json={"state": {"type": "RUNNING"}}), 201)
    deadline = time.monotonic() + 30
    while _events(ws.b, resource={"id": [f"prefect.flow-run.{b['id']}"]})["total"] == 0 \
            or _events(ws.a, resource={"id": [f"prefect.flow-run.{a['id']}"]})["total"] == 0:
        assert time.monotonic() < deadline, "the state change events were not recorded"
        time.sleep(0.5)
    assert _events(ws.a, resource={"id": [f"prefect.flow-run.{b['id']}"]})["total"] == 0
    assert _events(ws.a, related={"id": [f"prefect.flow.{b['flow_id']}"]})["total"] == 0


def _events(http, **filter_):
    return ok(http.post("events/filter", json={"filter": filter_}), 200)


def test_events_filter_count_and_pages_stay_in_their_workspace(ws):
    name = f"iso.{ws.name}"

    def event(event_id, who):
        return {"id": event_id, "occurred": now(), "event": name, "payload": {"who": who},
                "resource": {"prefect.resource.id": f"iso.resource.{ws.name}"}}

    ids_b = [str(uuid.uuid4()) for _ in range(3)]
    ok(ws.b.post("events", json=[event(i, "b") for i in ids_b]), 204)
    id_a = str(uuid.uuid4())
    ok(ws.a.post("events", json=[event(id_a, "a")]), 204)
    shared = str(uuid.uuid4())  # the same event id sent to both workspaces: each keeps its own
    ok(ws.b.post("events", json=[event(shared, "b")]), 204)
    ok(ws.a.post("events", json=[event(shared, "a")]), 204)

    seen = _events(ws.a, event={"name": [name]})
    assert sorted(e["id"] for e in seen["events"]) == sorted([id_a, shared]) and seen["total"] == 2
    assert {e["payload"]["who"] for e in seen["events"]} == {"a"}
    assert _events(ws.a, id={"id": ids_b})["events"] == []
    assert _events(ws.a, resource={"id": [f"iso.resource.{ws.name}"]})["total"] == 2
    seen_b = _events(ws.b, event={"name": [name]})
    assert seen_b["total"] == 4 and {e["payload"]["who"] for e in seen_b["events"]} == {"b"}

    counted_ = ok(ws.a.post("events/count-by/event", json={"filter": {"event": {"name": [name]}}}), 200)
    assert [(c["value"], c["count"]) for c in counted_] == [(name, 2)]

    # B's next-page token is no key to B's events through A's path
    page_b = ok(ws.b.post("events/filter", json={"filter": {"event": {"name": [name]}}, "limit": 1}), 200)
    token = httpx.URL(page_b["next_page"]).params["page-token"]
    next_via_a = ws.a.get("events/filter/next", params={"page-token": token})
    assert next_via_a.status_code == 403 or all(e["payload"]["who"] == "a" for e in ok(next_via_a, 200)["events"])


def _subscribe(url: str, key: str, route: str, filter_: dict):
    """A websocket of the workspace at url, authenticated like the stock client in Cloud mode, with its filter sent."""
    socket = connect(url.replace("http", "ws", 1) + route, subprotocols=["prefect"],
                     additional_headers={"Authorization": f"Bearer {key}"}, open_timeout=30)
    socket.send(json.dumps({"type": "auth", "token": key}))
    assert json.loads(socket.recv(timeout=30))["type"] == "auth_success"
    socket.send(json.dumps({"type": "filter", "filter": filter_}))
    return socket


def test_events_websocket_streams_only_the_workspaces_events(ws):
    name = f"iso.live.{ws.name}"

    def emit(http, who):
        event_id = str(uuid.uuid4())
        ok(http.post("events", json=[{"id": event_id, "occurred": now(), "event": name, "payload": {"who": who},
                                      "resource": {"prefect.resource.id": f"iso.resource.{ws.name}"}}]), 204)
        return event_id

    emit(ws.b, "b")
    backfilled = emit(ws.a, "a")  # sent before the subscription: comes as backfill
    with _subscribe(ws.url_a, ws.a.headers["Authorization"][7:], "/events/out",
                    {"event": {"name": [name]}, "occurred": {"since": "2000-01-01T00:00:00Z"}}) as socket:
        emit(ws.b, "b")
        live = emit(ws.a, "a")
        received = []
        while live not in received:
            message = json.loads(socket.recv(timeout=30))
            if message["type"] == "event":
                assert message["event"]["payload"] == {"who": "a"}, message
                received.append(message["event"]["id"])
    assert received == [backfilled, live]


def test_logs_websocket_streams_only_the_workspaces_logs(ws):
    run_a, run_b = made(RECIPES_BY_ID["flow_runs"], ws)
    received = []
    with _subscribe(ws.url_a, ws.a.headers["Authorization"][7:], "/logs/out", {}) as socket:
        # the subscription has no acknowledgement: send B's log, then A's, until A's arrive
        for _ in range(30):
            if received:
                break
            for http, run, who in ((ws.b, run_b, "b"), (ws.a, run_a, "a")):
                ok(http.post("logs/", json=[{"name": ws.name, "level": 20, "message": who, "timestamp": now(),
                                             "flow_run_id": run["id"]}]), 201)
            try:
                while True:
                    message = json.loads(socket.recv(timeout=1))
                    if message.get("type") == "log":
                        received.append((message["log"]["message"], message["log"]["flow_run_id"]))
            except TimeoutError:
                pass
    assert received, "A's logs never arrived"
    assert set(received) == {("a", run_a["id"])}


# --- A's key on B's path ---------------------------------------------------------------------------------------------

REFUSED = [  # (method, route, body) of B's world: {"flow", "variable", "pool"}, all named n
    ("GET", lambda n, b: f"flows/{b['flow']['id']}", None),
    ("GET", lambda n, b: f"flows/name/{n}", None),
    ("GET", lambda n, b: f"artifacts/{n}/latest", None),
    ("POST", lambda n, b: "flows/filter", lambda n, b: {}),
    ("POST", lambda n, b: "flow_runs/count", lambda n, b: {}),
    ("POST", lambda n, b: "flow_runs/", lambda n, b: {"flow_id": b["flow"]["id"]}),
    ("POST", lambda n, b: "events", lambda n, b: [{"id": str(uuid.uuid4()), "occurred": now(), "event": f"iso.{n}",
                                                   "resource": {"prefect.resource.id": "iso.refused"}}]),
    ("PATCH", lambda n, b: f"variables/{b['variable']['id']}", lambda n, b: {"value": "changed"}),
    ("PATCH", lambda n, b: f"work_pools/{n}", lambda n, b: {"description": "changed"}),
    ("DELETE", lambda n, b: f"variables/name/{n}", None),
    ("DELETE", lambda n, b: f"work_pools/{n}", None),
    ("DELETE", lambda n, b: f"flows/{b['flow']['id']}", None),
]


@pytest.mark.parametrize("method, route, body", REFUSED, ids=[f"{m}-{i}" for i, (m, _, _) in enumerate(REFUSED)])
def test_a_key_on_b_path_is_a_403_and_changes_nothing(ws, method, route, body):
    n = ws.name
    b = {"flow": make_flow(ws.b, n), "variable": make_variable(ws.b, n), "pool": make_work_pool(ws.b, n)}
    make_artifact(ws.b, n)
    refused = ws.a_on_b.request(method, route(n, b), json=body(n, b) if body else None)
    assert refused.status_code == 403, refused.text
    assert ok(ws.b.get(f"flows/{b['flow']['id']}"), 200)
    assert ok(ws.b.get(f"variables/name/{n}"), 200)["value"] == "original"
    assert ok(ws.b.get(f"work_pools/{n}"), 200)["description"] is None
    assert ok(ws.b.post("flow_runs/count", json={}), 200) == 0
    assert _events(ws.b, event={"name": [f"iso.{n}"]})["total"] == 0


def test_a_key_on_b_websocket_is_refused(ws):
    key_a, events_b = ws.a.headers["Authorization"][7:], ws.url_b.replace("http", "ws", 1) + "/events/out"
    with pytest.raises(InvalidStatus) as on_upgrade:  # the key on the upgrade request, as the Cloud client sends it
        connect(events_b, subprotocols=["prefect"], additional_headers={"Authorization": f"Bearer {key_a}"})
    assert on_upgrade.value.response.status_code == 403
    with connect(events_b, subprotocols=["prefect"], open_timeout=30) as socket:  # the key in the auth frame only
        socket.send(json.dumps({"type": "auth", "token": key_a}))
        with pytest.raises(ConnectionClosed) as in_frame:
            socket.recv(timeout=30)
    assert in_frame.value.rcvd.code == 1008


def test_the_default_workspace_neither_sees_a_nor_takes_a_key(ws, http):
    a = make_flow(ws.a, ws.name)
    assert ok(http.post("flows/filter", json={"flows": {"name": {"any_": [ws.name]}}}), 200) == []
    assert http.get(f"flows/{a['id']}").status_code == 404
    assert http.post("flows/filter", json={}, headers=ws.a.headers).status_code == 403


def test_a_key_reads_its_own_workspace_and_not_b(ws, api_url):
    a_workspace = ok(ws.a.get(ws.url_a), 200)
    assert ws.url_a.endswith(f"/accounts/{a_workspace['account_id']}/workspaces/{a_workspace['workspace_id']}")
    assert ws.a.get(ws.url_b).status_code == 403
    mine = ok(ws.a.get(f"{api_url}/me/workspaces"), 200)
    assert [w["workspace_id"] for w in mine] == [a_workspace["workspace_id"]]


# --- coverage --------------------------------------------------------------------------------------------------------

# Served paths that are not workspace collections: the server's own state, stateless helpers, aggregates of the
# collections above (ui), and automations (served read-only and always empty: there is nothing to leak).
NOT_COLLECTIONS = {"admin", "health", "hello", "ready", "version", "csrf-token", "openapi.json",
                   "block_capabilities", "ui", "automations"}
# Collections whose isolation is checked by a test above rather than by a recipe.
COVERED_BY_TESTS = {"events", "accounts", "me"}


def test_every_served_collection_is_covered(api_url):
    served = httpx.get(f"{api_url}/openapi.json", timeout=30).json()["paths"]
    collections = set()
    for route in served:
        segments = route.strip("/").split("/")
        collections.add("/".join(segments[:2]) if segments[0] == "v2" else segments[0])
    covered = {r.id for r in RECIPES} | COVERED_BY_TESTS
    assert collections - NOT_COLLECTIONS - covered == set()

