package dev.praetor.runs.taskruns;

import static dev.praetor.runs.Api.createFlowRun;
import static dev.praetor.runs.Api.in;
import static dev.praetor.runs.Api.setState;
import static dev.praetor.runs.Api.setTaskState;
import static dev.praetor.runs.Api.state;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.praetor.runs.RunsTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The {@code /task_runs} and {@code /task_run_states} routes (task-runs.md §2–§3). */
@QuarkusTest
@TestProfile(RunsTestProfile.class)
class TaskRunResourceTest {
    private final UUID ws = UUID.randomUUID();

    private String taskRun(String flowRunId, String key, String extraFields) {
        String body = "{\"flow_run_id\": " + (flowRunId == null ? "null" : "\"" + flowRunId + "\"") + ", \"task_key\": \"" + key
                + "\", \"dynamic_key\": \"0\"" + (extraFields.isEmpty() ? "" : ", " + extraFields) + "}";
        return in(ws).body(body).post("/task_runs/").then().statusCode(201).extract().path("id");
    }

    @Test
    void createAnswersTheTaskRunWithFlowRunLabelsAndAPendingState() {
        String flowRun = createFlowRun(ws, "\"labels\": {\"team\": \"data\"}");
        JsonPath run = in(ws).body("{\"name\": null, \"flow_run_id\": \"" + flowRun + "\", \"task_key\": \"extract\", "
                + "\"dynamic_key\": \"0\", \"cache_key\": null, \"cache_expiration\": null, \"task_version\": \"1\", "
                + "\"empirical_policy\": {\"retries\": 0, \"retry_delay\": 0, \"retry_jitter_factor\": null}, \"tags\": [], "
                + "\"labels\": {}, \"task_inputs\": {\"x\": [{\"input_type\": \"parameter\", \"name\": \"n\"}]}, "
                + "\"state\": {\"type\": \"PENDING\", \"name\": \"Pending\"}}").post("/task_runs/").then().statusCode(201)
                .extract().jsonPath();
        assertEquals("PENDING", run.getString("state.type"));
        assertEquals(run.getString("id"), run.getString("state.state_details.task_run_id"));
        assertEquals(flowRun, run.getString("state.state_details.flow_run_id"));
        assertEquals("data", run.getString("labels.team"));
        assertEquals(flowRun, run.getString("labels.'prefect.flow-run.id'"));
        assertEquals("n", run.getString("task_inputs.x[0].name"));
        assertTrue(run.getString("name").matches("[a-z]+-[a-z]+"));
    }

    @Test
    void createOfAKnownTaskAnswersTheExistingRun() {
        String flowRun = createFlowRun(ws, "");
        String first = taskRun(flowRun, "load", "");
        in(ws).body("{\"flow_run_id\": \"" + flowRun + "\", \"task_key\": \"load\", \"dynamic_key\": \"0\", \"id\": \""
                + UUID.randomUUID() + "\"}").post("/task_runs/").then().statusCode(200).body("id", equalTo(first));
        String autonomous = taskRun(null, "bg", "");
        in(ws).body("{\"task_key\": \"bg\", \"dynamic_key\": \"0\"}").post("/task_runs/").then().statusCode(200)
                .body("id", equalTo(autonomous));
    }

    @Test
    void createInAMissingFlowRunIsAConflict() {
        in(ws).body("{\"flow_run_id\": \"" + UUID.randomUUID() + "\", \"task_key\": \"t\", \"dynamic_key\": \"0\"}")
                .post("/task_runs/").then().statusCode(409).body("detail", matchesPattern("Data integrity conflict.*"));
    }

    @Test
    void createRejectsBadBodies() {
        in(ws).body("{\"task_key\": \"t\"}").post("/task_runs/").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "dynamic_key")));
        in(ws).body("{\"task_key\": \"t\", \"dynamic_key\": \"0\", \"cache_key\": \"" + "k".repeat(2001) + "\"}")
                .post("/task_runs/").then().statusCode(422).body("exception_detail[0].msg",
                        equalTo("Value error, Cache key exceeded maximum allowed length of 2000 characters."));
        in(ws).body("{\"task_key\": \"t\", \"dynamic_key\": \"0\", \"empirical_policy\": {\"retry_jitter_factor\": -1}}")
                .post("/task_runs/").then().statusCode(422);
        in(ws).body("{\"task_key\": \"t\", \"dynamic_key\": \"0\", \"task_inputs\": {\"x\": [{\"input_type\": \"magic\"}]}}")
                .post("/task_runs/").then().statusCode(422);
    }

    @Test
    void readUpdateAndDelete() {
        String id = taskRun(null, "t", "\"name\": \"first\"");
        in(ws).get("/task_runs/" + id).then().statusCode(200).body("name", equalTo("first")).body("task_key", equalTo("t"));
        in(ws).body("{\"name\": \"second\"}").patch("/task_runs/" + id).then().statusCode(204);
        in(ws).get("/task_runs/" + id).then().body("name", equalTo("second"));
        in(ws).body("{\"name\": \"x\"}").patch("/task_runs/" + UUID.randomUUID()).then().statusCode(404)
                .body("detail", equalTo("Task run not found"));
        in(ws).delete("/task_runs/" + id).then().statusCode(204);
        in(ws).get("/task_runs/" + id).then().statusCode(404).body("detail", equalTo("Task not found"));
        in(ws).delete("/task_runs/" + id).then().statusCode(404).body("detail", equalTo("Task not found"));
    }

    @Test
    void failureWithRetriesLeftBecomesAwaitingRetry() {
        String flowRun = createFlowRun(ws, "\"state\": {\"type\": \"RUNNING\"}");
        String id = taskRun(flowRun, "load", "\"empirical_policy\": {\"retries\": 1, \"retry_delay\": 0}");
        setTaskState(ws, id, state("RUNNING")).statusCode(201).body("status", equalTo("ACCEPT"));
        setTaskState(ws, id, "{\"type\": \"FAILED\", \"message\": \"first try fails\"}").statusCode(201)
                .body("status", equalTo("REJECT")).body("details.reason", equalTo("Retrying"))
                .body("state.type", equalTo("SCHEDULED")).body("state.name", equalTo("AwaitingRetry"));
        setTaskState(ws, id, state("RUNNING")).statusCode(201).body("state.name", equalTo("Retrying"));
        setTaskState(ws, id, state("COMPLETED")).statusCode(201).body("status", equalTo("ACCEPT"));
        in(ws).get("/task_runs/" + id).then().body("run_count", equalTo(2)).body("flow_run_run_count", equalTo(1))
                .body("end_time", notNullValue());
        in(ws).get("/task_run_states/?task_run_id=" + id).then().statusCode(200)
                .body("name", equalTo(List.of("Pending", "Running", "AwaitingRetry", "Retrying", "Completed")));
    }

    @Test
    void taskOfAFinishedFlowRunCannotStart() {
        String flowRun = createFlowRun(ws, "\"state\": {\"type\": \"COMPLETED\"}");
        String id = taskRun(flowRun, "late", "");
        setTaskState(ws, id, state("RUNNING")).statusCode(200).body("status", equalTo("ABORT"))
                .body("details.reason", equalTo("The enclosing flow must be running to begin task execution."));
    }

    @Test
    void cachedCompletionIsReusedByALaterRunWithTheSameKey() {
        String flowRun = createFlowRun(ws, "\"state\": {\"type\": \"RUNNING\"}");
        String first = taskRun(flowRun, "cached", "");
        String key = "{\"cache_key\": \"k-" + UUID.randomUUID() + "\"}";
        setTaskState(ws, first, "{\"type\": \"RUNNING\", \"state_details\": " + key + "}").statusCode(201);
        setTaskState(ws, first, "{\"type\": \"COMPLETED\", \"data\": {\"storage_key\": \"/r\"}, \"state_details\": " + key + "}")
                .statusCode(201);
        String second = in(ws).body("{\"flow_run_id\": \"" + flowRun + "\", \"task_key\": \"cached\", \"dynamic_key\": \"1\"}")
                .post("/task_runs/").then().statusCode(201).extract().path("id");
        setTaskState(ws, second, "{\"type\": \"RUNNING\", \"state_details\": " + key + "}").statusCode(201)
                .body("status", equalTo("REJECT")).body("state.name", equalTo("Cached"))
                .body("state.data.storage_key", equalTo("/r")).body("state.state_details.task_run_id", equalTo(second));
    }

    @Test
    void setStateOnAMissingTaskRunIsNotFound() {
        UUID missing = UUID.randomUUID();
        setTaskState(ws, missing.toString(), state("RUNNING")).statusCode(404)
                .body("exception_message", equalTo("Task run with id " + missing + " not found"));
    }

    @Test
    void filterCountPaginateAndHistory() {
        String flowRun = createFlowRun(ws, "\"tags\": [\"f\"]");
        String a = taskRun(flowRun, "a", "\"tags\": [\"x\"]");
        String b = taskRun(flowRun, "b", "");
        String autonomous = taskRun(null, "c", "");
        List<String> ids = in(ws).body("{}").post("/task_runs/filter").then().statusCode(200).extract().path("id");
        assertEquals(List.of(autonomous, b, a), ids);
        ids = in(ws).body("{\"task_runs\": {\"flow_run_id\": {}}}").post("/task_runs/filter").then().extract().path("id");
        assertEquals(List.of(b, a), ids);
        ids = in(ws).body("{\"flow_runs\": {\"tags\": {\"all_\": [\"f\"]}}, \"sort\": \"NAME_ASC\"}").post("/task_runs/filter")
                .then().extract().path("id");
        assertEquals(2, ids.size());
        in(ws).body("{\"task_runs\": {\"tags\": {\"all_\": [\"x\"]}}}").post("/task_runs/count").then().body(equalTo("1"));
        JsonPath page = in(ws).body("{\"limit\": 2}").post("/task_runs/paginate").then().statusCode(200).extract().jsonPath();
        assertEquals(3, page.getInt("count"));
        assertEquals(2, page.getInt("pages"));
        Map<String, Object> first = page.getMap("results[0]");
        assertTrue(first.containsKey("task_inputs") && !first.containsKey("dynamic_key"), first.keySet().toString());
        in(ws).body("{\"sort\": \"START_TIME_ASC\"}").post("/task_runs/filter").then().statusCode(422);
        in(ws).body("{\"flows\": {\"id\": {\"any_\": []}}}").post("/task_runs/filter").then().statusCode(200)
                .body("size()", equalTo(0));
        in(ws).body("{\"history_start\": \"2020-01-01T00:00:00Z\", \"history_end\": \"2020-01-01T01:00:00Z\", "
                + "\"history_interval_seconds\": 600}").post("/task_runs/history").then().statusCode(200)
                .body("size()", equalTo(6));
    }

    @Test
    void taskRunStatesAreReadable() {
        String id = taskRun(null, "s", "");
        String stateId = in(ws).get("/task_runs/" + id).then().extract().path("state_id");
        in(ws).get("/task_run_states/" + stateId).then().statusCode(200).body("type", equalTo("PENDING"));
        in(ws).get("/task_run_states/" + UUID.randomUUID()).then().statusCode(404).body("detail", equalTo("Flow run state not found"));
        in(ws).get("/task_run_states/").then().statusCode(422);
    }

    @Test
    void subflowStatesAreMirroredOntoTheParentTaskRun() {
        String parent = createFlowRun(ws, "\"state\": {\"type\": \"RUNNING\"}");
        String tracking = taskRun(parent, "child", "");
        String child = createFlowRun(ws, "\"parent_task_run_id\": \"" + tracking + "\"");
        in(ws).get("/task_runs/" + tracking).then().body("state.type", equalTo("PENDING"))
                .body("state.state_details.child_flow_run_id", equalTo(child));
        String childState = setState(ws, child, state("RUNNING")).statusCode(201)
                .body("state.state_details.task_run_id", equalTo(tracking)).extract().path("state.id");
        String mirrored = in(ws).get("/task_runs/" + tracking).then().body("state.type", equalTo("RUNNING"))
                .body("state.state_details.child_flow_run_id", equalTo(child)).extract().path("state.id");
        assertNotEquals(childState, mirrored);
        setState(ws, child, state("FAILED")).statusCode(201);
        in(ws).get("/task_runs/" + tracking).then().body("state_type", equalTo("FAILED"));
        in(ws).delete("/task_runs/" + tracking).then().statusCode(204);
        in(ws).get("/flow_runs/" + child).then().statusCode(200).body("parent_task_run_id", equalTo(null));
    }
}
