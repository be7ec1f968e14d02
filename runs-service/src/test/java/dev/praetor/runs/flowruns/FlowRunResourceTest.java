package dev.praetor.runs.flowruns;

import static dev.praetor.runs.Api.createFlowRun;
import static dev.praetor.runs.Api.in;
import static dev.praetor.runs.Api.setState;
import static dev.praetor.runs.Api.state;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
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

/** The {@code /flow_runs} and {@code /flow_run_states} routes (flow-runs.md), their bodies and error answers. */
@QuarkusTest
@TestProfile(RunsTestProfile.class)
class FlowRunResourceTest {
    private final UUID ws = UUID.randomUUID();

    @Test
    void createAnswersTheWholeRunInItsInitialPendingState() {
        UUID flowId = UUID.randomUUID();
        JsonPath run = in(ws).body("{\"flow_id\": \"" + flowId + "\", \"name\": null, \"parameters\": {\"n\": 3}, "
                + "\"tags\": [\"etl\"], \"parent_task_run_id\": null, \"empirical_policy\": {\"retries\": 0, \"retry_delay\": 0}, "
                + "\"state\": {\"type\": \"PENDING\", \"name\": \"Pending\", \"message\": null, \"state_details\": {}, \"data\": null}}")
                .post("/flow_runs/").then().statusCode(201).extract().jsonPath();
        assertTrue(run.getString("name").matches("[a-z]+-[a-z]+"), run.getString("name"));
        assertEquals(flowId.toString(), run.getString("flow_id"));
        assertEquals("PENDING", run.getString("state_type"));
        assertEquals("Pending", run.getString("state.name"));
        assertEquals(run.getString("id"), run.getString("state.state_details.flow_run_id"));
        assertEquals(Map.of("prefect.flow.id", flowId.toString()), run.getMap("labels"));
        assertEquals(Map.of(), run.getMap("job_variables"));
        assertEquals(Map.of("n", 3), run.getMap("parameters"));
        assertEquals(0, run.getInt("run_count"));
        assertEquals(run.getString("state.timestamp"), run.getString("expected_start_time"));
        assertTrue(run.getMap("$").containsKey("work_pool_name"));
        assertEquals(List.of("max_retries", "retry_delay_seconds", "retries", "retry_delay", "pause_keys", "resuming",
                "retry_type"), List.copyOf(run.getMap("empirical_policy").keySet()));
        assertTrue(run.getString("created").endsWith("Z"));
    }

    @Test
    void createWithoutStateStartsPending() {
        String id = createFlowRun(ws, "");
        in(ws).get("/flow_runs/" + id).then().statusCode(200).body("state.type", equalTo("PENDING"))
                .body("state_name", equalTo("Pending"));
    }

    @Test
    void createWithAKnownIdempotencyKeyAnswersTheExistingRun() {
        UUID flowId = UUID.randomUUID();
        String body = "{\"flow_id\": \"" + flowId + "\", \"idempotency_key\": \"nightly\", \"state\": {\"type\": \"SCHEDULED\"}}";
        String first = in(ws).body(body).post("/flow_runs/").then().statusCode(201).extract().path("id");
        in(ws).body(body.replace("SCHEDULED", "RUNNING")).post("/flow_runs/").then().statusCode(200)
                .body("id", equalTo(first)).body("state_type", equalTo("SCHEDULED"));
        String otherFlow = "{\"flow_id\": \"" + UUID.randomUUID() + "\", \"idempotency_key\": \"nightly\"}";
        String second = in(ws).body(otherFlow).post("/flow_runs/").then().statusCode(201).extract().path("id");
        assertNotEquals(first, second);
    }

    @Test
    void createWithAScheduledStateSetsTheScheduleFields() {
        String at = "2031-03-01T02:00:00Z";
        String id = createFlowRun(ws, "\"state\": {\"type\": \"SCHEDULED\", \"state_details\": {\"scheduled_time\": \"" + at + "\"}}");
        in(ws).get("/flow_runs/" + id).then().body("expected_start_time", equalTo(at))
                .body("next_scheduled_start_time", equalTo(at)).body("estimated_start_time_delta", equalTo(0.0f));
    }

    @Test
    void createRejectsUnknownKeysAndMissingFlowId() {
        in(ws).body("{\"flow_id\": \"" + UUID.randomUUID() + "\", \"colour\": \"red\"}").post("/flow_runs/").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("extra_forbidden"))
                .body("exception_detail[0].loc", equalTo(List.of("body", "colour")));
        in(ws).body("{}").post("/flow_runs/").then().statusCode(422).body("exception_detail[0].type", equalTo("missing"))
                .body("exception_detail[0].loc", equalTo(List.of("body", "flow_id")));
        in(ws).body("{\"flow_id\": 12}").post("/flow_runs/").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("uuid_parsing"));
    }

    @Test
    void createRejectsOversizedParameters() {
        String big = "x".repeat(600_000);
        in(ws).body("{\"flow_id\": \"" + UUID.randomUUID() + "\", \"parameters\": {\"p\": \"" + big + "\"}}").post("/flow_runs/")
                .then().statusCode(422).body("exception_detail[0].msg", equalTo(
                        "Value error, Flow run parameters must be less than 524,288 bytes when serialized (got 600,008 bytes)."));
    }

    @Test
    void createOfASubflowOfAMissingTaskRunIsAConflict() {
        in(ws).body("{\"flow_id\": \"" + UUID.randomUUID() + "\", \"parent_task_run_id\": \"" + UUID.randomUUID() + "\"}")
                .post("/flow_runs/").then().statusCode(409).body("detail", matchesPattern("Data integrity conflict.*"));
    }

    @Test
    void readOfAMissingRunIsNotFound() {
        in(ws).get("/flow_runs/" + UUID.randomUUID()).then().statusCode(404).body("detail", equalTo("Flow run not found"));
        in(ws).get("/flow_runs/not-a-uuid").then().statusCode(404).body("detail", equalTo("Not Found"));
    }

    @Test
    void runsOfAnotherWorkspaceAreInvisible() {
        String id = createFlowRun(ws, "");
        in(UUID.randomUUID()).get("/flow_runs/" + id).then().statusCode(404);
    }

    @Test
    void updateWritesOnlyThePresentFields() {
        String id = createFlowRun(ws, "\"name\": \"first\", \"tags\": [\"a\"], \"flow_version\": \"1\"");
        in(ws).body("{\"infrastructure_pid\": \"4242\", \"tags\": [\"b\"]}").patch("/flow_runs/" + id).then().statusCode(204);
        in(ws).get("/flow_runs/" + id).then().body("name", equalTo("first")).body("flow_version", equalTo("1"))
                .body("tags", equalTo(List.of("b"))).body("infrastructure_pid", equalTo("4242"));
        in(ws).body("{\"name\": null}").patch("/flow_runs/" + id).then().statusCode(204);
        String renamed = in(ws).get("/flow_runs/" + id).then().extract().path("name");
        assertNotEquals("first", renamed);
    }

    @Test
    void updateRejectsNullParametersAndUnknownKeys() {
        String id = createFlowRun(ws, "");
        in(ws).body("{\"parameters\": null}").patch("/flow_runs/" + id).then().statusCode(422);
        in(ws).body("{\"state\": {\"type\": \"RUNNING\"}}").patch("/flow_runs/" + id).then().statusCode(422)
                .body("exception_detail[0].type", equalTo("extra_forbidden"));
        in(ws).body("{\"name\": \"x\"}").patch("/flow_runs/" + UUID.randomUUID()).then().statusCode(404)
                .body("detail", equalTo("Flow run not found"));
    }

    @Test
    void jobVariablesOfARunningRunCannotChange() {
        String id = createFlowRun(ws, "\"state\": {\"type\": \"RUNNING\"}");
        in(ws).body("{\"job_variables\": {\"image\": \"x\"}}").patch("/flow_runs/" + id).then().statusCode(400)
                .body("detail", equalTo("Job variables for a flow run in state RUNNING cannot be updated"));
    }

    @Test
    void deleteRemovesTheRunAndItsStates() {
        String id = createFlowRun(ws, "");
        String stateId = in(ws).get("/flow_runs/" + id).then().extract().path("state_id");
        in(ws).delete("/flow_runs/" + id).then().statusCode(204);
        in(ws).get("/flow_runs/" + id).then().statusCode(404);
        in(ws).get("/flow_run_states/" + stateId).then().statusCode(404).body("detail", equalTo("Flow run state not found"));
        in(ws).delete("/flow_runs/" + id).then().statusCode(404).body("detail", equalTo("Flow run not found"));
    }

    @Test
    void bulkDeleteRemovesTheMatchingRuns() {
        String a = createFlowRun(ws, "\"tags\": [\"gone\"]");
        String b = createFlowRun(ws, "\"tags\": [\"gone\"]");
        String kept = createFlowRun(ws, "");
        in(ws).body("{\"flow_runs\": {\"tags\": {\"all_\": [\"gone\"]}}}").post("/flow_runs/bulk_delete").then().statusCode(200)
                .body("deleted", equalTo(List.of(b, a)));
        in(ws).body("{}").post("/flow_runs/count").then().body(equalTo("1"));
        in(ws).get("/flow_runs/" + kept).then().statusCode(200);
        in(ws).body("{\"limit\": 51}").post("/flow_runs/bulk_delete").then().statusCode(422);
    }

    @Test
    void filterSelectsByOwnFieldsAndSorts() {
        String a = createFlowRun(ws, "\"name\": \"alpha\", \"tags\": [\"x\"]");
        String b = createFlowRun(ws, "\"name\": \"beta\", \"tags\": [\"x\", \"y\"]");
        createFlowRun(ws, "\"name\": \"gamma\", \"state\": {\"type\": \"RUNNING\"}");
        assertEquals(List.of(b, a), filterIds("{\"flow_runs\": {\"tags\": {\"all_\": [\"x\"]}}}"));
        assertEquals(List.of(a, b), filterIds("{\"flow_runs\": {\"tags\": {\"any_\": [\"x\"]}}, \"sort\": \"NAME_ASC\"}"));
        assertEquals(List.of(b), filterIds("{\"flow_runs\": {\"name\": {\"like_\": \"ET\"}}}"));
        assertEquals(2, filterIds("{\"flow_runs\": {\"state\": {\"type\": {\"any_\": [\"PENDING\"]}}}}").size());
        assertEquals(List.of(a), filterIds("{\"flow_runs\": {\"id\": {\"any_\": [\"" + a + "\"]}}, \"limit\": null, "
                + "\"offset\": null, \"sort\": null, \"flows\": null, \"deployments\": null, \"work_pools\": null, "
                + "\"work_pool_queues\": null, \"task_runs\": null}"));
        assertEquals(List.of(a), filterIds("{\"sort\": \"NAME_ASC\", \"limit\": 1}"));
        for (FlowRunSort sort : FlowRunSort.values()) {
            assertEquals(3, filterIds("{\"sort\": \"" + sort + "\"}").size(), sort.name());
        }
    }

    @Test
    void filterAnswersPrefectsErrorsForBadBodies() {
        in(ws).body("{\"limit\": 201}").post("/flow_runs/filter").then().statusCode(422)
                .body("detail", equalTo("Invalid limit: must be less than or equal to 200."));
        in(ws).body("{\"flow_runs\": {\"nam\": {}}}").post("/flow_runs/filter").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("extra_forbidden"));
        in(ws).body("{\"sort\": \"NEWEST\"}").post("/flow_runs/filter").then().statusCode(422);
        in(ws).body("{\"offset\": -1}").post("/flow_runs/filter").then().statusCode(422);
        in(ws).body("{\"deployments\": {\"name\": {\"any_\": [\"d\"]}}}").post("/flow_runs/filter").then().statusCode(200);
        in(ws).body("").post("/flow_runs/filter").then().statusCode(200);
    }

    @Test
    void filterBySubflowParentsAndTaskRuns() {
        String parent = createFlowRun(ws, "\"state\": {\"type\": \"RUNNING\"}");
        String task = in(ws).body("{\"flow_run_id\": \"" + parent + "\", \"task_key\": \"child\", \"dynamic_key\": \"0\"}")
                .post("/task_runs/").then().statusCode(201).extract().path("id");
        String child = createFlowRun(ws, "\"parent_task_run_id\": \"" + task + "\"");
        assertEquals(List.of(child), filterIds("{\"flow_runs\": {\"parent_task_run_id\": {\"any_\": [\"" + task + "\"]}}}"));
        assertEquals(List.of(child), filterIds("{\"flow_runs\": {\"parent_flow_run_id\": {\"any_\": [\"" + parent + "\"]}}}"));
        assertEquals(List.of(parent), filterIds("{\"task_runs\": {\"name\": {\"any_\": [\"" + in(ws).get("/task_runs/" + task)
                .then().extract().path("name") + "\"]}}}"));
    }

    @Test
    void countPaginateAndLatenessDescribeTheMatchingRuns() {
        createFlowRun(ws, "\"tags\": [\"p\"]");
        createFlowRun(ws, "\"tags\": [\"p\"]");
        createFlowRun(ws, "\"tags\": [\"p\"]");
        in(ws).body("{\"flow_runs\": {\"tags\": {\"all_\": [\"p\"]}}}").post("/flow_runs/count").then().statusCode(200)
                .body(equalTo("3"));
        in(ws).body("{\"limit\": 2, \"page\": 2}").post("/flow_runs/paginate").then().statusCode(200)
                .body("count", equalTo(3)).body("limit", equalTo(2)).body("pages", equalTo(2)).body("page", equalTo(2))
                .body("results.size()", equalTo(1));
        in(ws).body("{\"page\": 0}").post("/flow_runs/paginate").then().statusCode(422);
        in(UUID.randomUUID()).body("{}").post("/flow_runs/lateness").then().statusCode(200).body(equalTo("null"));
        in(ws).body("{}").post("/flow_runs/lateness").then().statusCode(200).body(notNullValue());
    }

    @Test
    void historyBucketsRunsByExpectedStartTime() {
        createFlowRun(ws, "\"state\": {\"type\": \"SCHEDULED\", \"state_details\": {\"scheduled_time\": \"2031-07-01T10:00:00Z\"}}");
        createFlowRun(ws, "\"state\": {\"type\": \"SCHEDULED\", \"state_details\": {\"scheduled_time\": \"2031-07-01T11:00:00Z\"}}");
        JsonPath history = in(ws).body("{\"history_start\": \"2031-07-01 00:00:00+00:00\", \"history_end\": \"2031-07-03T00:00:00Z\", "
                + "\"history_interval_seconds\": 86400}").post("/flow_runs/history").then().statusCode(200).extract().jsonPath();
        assertEquals(2, history.getList("").size());
        assertEquals("2031-07-01T00:00:00Z", history.getString("[0].interval_start"));
        assertEquals("2031-07-02T00:00:00Z", history.getString("[0].interval_end"));
        assertEquals("SCHEDULED", history.getString("[0].states[0].state_type"));
        assertEquals(2, history.getInt("[0].states[0].count_runs"));
        assertEquals(List.of(), history.getList("[1].states"));
        in(ws).body("{\"history_start\": \"2031-07-01T00:00:00Z\", \"history_end\": \"2031-07-02T00:00:00Z\", "
                + "\"history_interval_seconds\": 0.5}").post("/flow_runs/history").then().statusCode(422)
                .body("detail", equalTo("History interval must not be less than 1 second."));
        in(ws).body("{}").post("/flow_runs/history").then().statusCode(422).body("exception_detail[0].type", equalTo("missing"));
    }

    @Test
    void labelsAreMergedIntoTheRunsLabels() {
        String id = createFlowRun(ws, "\"labels\": {\"team\": \"data\"}");
        in(ws).body("{\"__OTEL_TRACEPARENT\": \"00-abc\", \"team\": \"ml\"}").patch("/flow_runs/" + id + "/labels").then()
                .statusCode(204);
        in(ws).get("/flow_runs/" + id).then().body("labels.team", equalTo("ml")).body("labels.__OTEL_TRACEPARENT", equalTo("00-abc"))
                .body("labels", hasKey("prefect.flow.id"));
        UUID missing = UUID.randomUUID();
        in(ws).body("{}").patch("/flow_runs/" + missing + "/labels").then().statusCode(404)
                .body("exception_message", equalTo("Flow run with id " + missing + " not found"));
    }

    @Test
    void runInputsAreStoredReadFilteredAndDeleted() {
        String id = createFlowRun(ws, "");
        in(ws).body("{\"key\": \"paused-1-response\", \"value\": \"{\\\"ok\\\": 1}\"}").post("/flow_runs/" + id + "/input").then()
                .statusCode(201).body(equalTo("null"));
        in(ws).body("{\"key\": \"paused-1-response\", \"value\": \"x\"}").post("/flow_runs/" + id + "/input").then()
                .statusCode(409).body("detail", equalTo("A flow run input with this key already exists."));
        in(ws).body("{\"key\": \"Bad_Key\", \"value\": \"x\"}").post("/flow_runs/" + id + "/input").then().statusCode(422);
        in(ws).body("{\"key\": \"k\", \"value\": \"x\"}").post("/flow_runs/" + UUID.randomUUID() + "/input").then().statusCode(404)
                .body("detail", equalTo("Flow run not found"));
        in(ws).get("/flow_runs/" + id + "/input/paused-1-response").then().statusCode(200)
                .contentType(matchesPattern("text/plain.*")).body(equalTo("{\"ok\": 1}"));
        in(ws).body("{\"prefix\": \"paused-1\", \"limit\": 5}").post("/flow_runs/" + id + "/input/filter").then().statusCode(200)
                .body("key", equalTo(List.of("paused-1-response"))).body("[0].flow_run_id", equalTo(id))
                .body("[0].sender", nullValue());
        in(ws).body("{\"prefix\": \"paused\", \"exclude_keys\": [\"paused-1-response\"]}").post("/flow_runs/" + id + "/input/filter")
                .then().body("size()", equalTo(0));
        in(ws).delete("/flow_runs/" + id + "/input/paused-1-response").then().statusCode(204);
        in(ws).get("/flow_runs/" + id + "/input/paused-1-response").then().statusCode(404)
                .body("detail", equalTo("Flow run input not found"));
    }

    @Test
    void flowRunStatesListTheRunsStatesOldestFirst() {
        String id = createFlowRun(ws, "");
        String running = setState(ws, id, state("RUNNING")).statusCode(201).extract().path("state.id");
        in(ws).get("/flow_run_states/?flow_run_id=" + id).then().statusCode(200)
                .body("type", equalTo(List.of("PENDING", "RUNNING")));
        in(ws).get("/flow_run_states/" + running).then().statusCode(200).body("id", equalTo(running))
                .body("state_details.flow_run_id", equalTo(id)).body("data", nullValue());
        in(ws).get("/flow_run_states/?flow_run_id=" + UUID.randomUUID()).then().statusCode(200).body("size()", equalTo(0));
        in(ws).get("/flow_run_states/").then().statusCode(422).body("exception_detail[0].loc", equalTo(List.of("query", "flow_run_id")));
        in(ws).get("/flow_run_states/?flow_run_id=nope").then().statusCode(422);
    }

    @Test
    void unpersistedResultIsEchoedButNotStored() {
        String id = createFlowRun(ws, "\"state\": {\"type\": \"RUNNING\"}");
        String stateId = setState(ws, id, "{\"type\": \"COMPLETED\", \"data\": {\"type\": \"unpersisted\"}}").statusCode(201)
                .body("state.data.type", equalTo("unpersisted")).extract().path("state.id");
        in(ws).get("/flow_run_states/" + stateId).then().body("data", nullValue());
        String persisted = setState(ws, createFlowRun(ws, "\"state\": {\"type\": \"RUNNING\"}"),
                "{\"type\": \"COMPLETED\", \"data\": {\"storage_key\": \"/r/1\", \"serializer\": {\"type\": \"pickle\"}}}")
                .statusCode(201).extract().path("state.id");
        in(ws).get("/flow_run_states/" + persisted).then().body("data.storage_key", equalTo("/r/1"));
    }

    private List<String> filterIds(String body) {
        return in(ws).body(body).post("/flow_runs/filter").then().statusCode(200).extract().path("id");
    }
}
