package dev.praetor.runs.flowruns;

import static dev.praetor.runs.Api.createFlowRun;
import static dev.praetor.runs.Api.in;
import static dev.praetor.runs.Api.setState;
import static dev.praetor.runs.Api.state;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.praetor.runs.RunsTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Orchestration end to end through {@code set_state} (states-and-orchestration.md §9), on real PostgreSQL. */
@QuarkusTest
@TestProfile(RunsTestProfile.class)
class FlowRunOrchestrationTest {
    private final UUID ws = UUID.randomUUID();

    @Test
    void adHocRunGoesPendingRunningCompleted() {
        String id = createFlowRun(ws, "\"state\": {\"type\": \"PENDING\"}");
        setState(ws, id, state("RUNNING")).statusCode(201).body("status", equalTo("ACCEPT"))
                .body("details.type", equalTo("accept_details")).body("state.type", equalTo("RUNNING"))
                .body("state.state_details.flow_run_id", equalTo(id));
        setState(ws, id, state("COMPLETED")).statusCode(201).body("status", equalTo("ACCEPT"))
                .body("state.name", equalTo("Completed"));
        JsonPath run = in(ws).get("/flow_runs/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("COMPLETED", run.getString("state_type"));
        assertEquals(1, run.getInt("run_count"));
        assertTrue(run.getString("start_time") != null && run.getString("end_time") != null);
        assertTrue(run.getDouble("total_run_time") >= 0.0);
        assertTrue(run.get("total_run_time") instanceof Number);
        assertEquals(run.getString("state.id"), run.getString("state_id"));
    }

    @Test
    void secondPendingProposalIsAborted() {
        String id = createFlowRun(ws, "\"state\": {\"type\": \"SCHEDULED\"}");
        setState(ws, id, state("PENDING")).statusCode(201).body("status", equalTo("ACCEPT"));
        setState(ws, id, state("PENDING")).statusCode(200).body("status", equalTo("ABORT"))
                .body("details.type", equalTo("abort_details"))
                .body("details.reason", equalTo("This run is in a PENDING state and cannot transition to a PENDING state."))
                .body("state.type", equalTo("PENDING"));
    }

    @Test
    void failureWithRetriesLeftIsRejectedIntoAwaitingRetry() {
        String id = createFlowRun(ws, "\"empirical_policy\": {\"retries\": 1, \"retry_delay\": 0}");
        setState(ws, id, state("RUNNING")).statusCode(201);
        setState(ws, id, "{\"type\": \"FAILED\", \"message\": \"boom\", \"data\": {\"type\": \"unpersisted\"}}").statusCode(201)
                .body("status", equalTo("REJECT")).body("details.type", equalTo("reject_details"))
                .body("details.reason", equalTo("Retrying")).body("state.type", equalTo("SCHEDULED"))
                .body("state.name", equalTo("AwaitingRetry")).body("state.message", equalTo("boom"))
                .body("state.data.type", equalTo("unpersisted"));
        in(ws).get("/flow_runs/" + id).then().body("empirical_policy.retry_type", equalTo("in_process"))
                .body("state_name", equalTo("AwaitingRetry")).body("next_scheduled_start_time", notNullValue());
        setState(ws, id, state("RUNNING")).statusCode(201).body("status", equalTo("ACCEPT"));
        setState(ws, id, state("FAILED")).statusCode(201).body("status", equalTo("ACCEPT")).body("state.type", equalTo("FAILED"));
        in(ws).get("/flow_runs/" + id).then().body("run_count", equalTo(2)).body("empirical_policy.retry_type", nullValue());
    }

    @Test
    void repeatedTransitionIdIsRejectedWithTheCurrentState() {
        String id = createFlowRun(ws, "");
        String running = state("RUNNING");
        String first = setState(ws, id, running).statusCode(201).extract().path("state.id");
        setState(ws, id, running).statusCode(200).body("status", equalTo("REJECT"))
                .body("details.reason", equalTo("This run has already made this state transition."))
                .body("state.id", equalTo(first));
    }

    @Test
    void runningBeforeTheScheduledTimeWaits() {
        String at = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(10).toString();
        String id = createFlowRun(ws, "\"state\": {\"type\": \"SCHEDULED\", \"state_details\": {\"scheduled_time\": \"" + at + "\"}}");
        setState(ws, id, state("RUNNING")).statusCode(200).body("status", equalTo("WAIT"))
                .body("details.type", equalTo("wait_details")).body("details.delay_seconds", greaterThan(590))
                .body("details.reason", equalTo("Scheduled time is in the future")).body("state.type", equalTo("SCHEDULED"));
    }

    @Test
    void forcedProposalSkipsTheRules() {
        String id = createFlowRun(ws, "");
        in(ws).body("{\"state\": {\"type\": \"PENDING\"}, \"force\": true}").post("/flow_runs/" + id + "/set_state").then()
                .statusCode(201).body("status", equalTo("ACCEPT"));
    }

    @Test
    void cancellingAScheduledRunWithoutInfrastructureCancelsIt() {
        String id = createFlowRun(ws, "\"state\": {\"type\": \"SCHEDULED\"}");
        setState(ws, id, state("CANCELLING")).statusCode(201).body("status", equalTo("REJECT"))
                .body("state.type", equalTo("CANCELLED"));
    }

    /** Eight workers race to submit the same run, five times over: exactly one PENDING is accepted each time. */
    @Test
    void concurrentProposalsOnOneRunAreSerialised() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                String id = createFlowRun(ws, "\"state\": {\"type\": \"SCHEDULED\"}");
                List<Callable<String>> proposals = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    proposals.add(() -> setState(ws, id, state("PENDING")).extract().path("status"));
                }
                List<String> statuses = new ArrayList<>();
                for (Future<String> result : pool.invokeAll(proposals)) {
                    statuses.add(result.get());
                }
                assertEquals(1, statuses.stream().filter("ACCEPT"::equals).count(), statuses.toString());
                assertEquals(7, statuses.stream().filter("ABORT"::equals).count(), statuses.toString());
                List<String> types = in(ws).get("/flow_run_states/?flow_run_id=" + id).then().statusCode(200).extract().path("type");
                assertEquals(List.of("SCHEDULED", "PENDING"), types);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void setStateOnAMissingRunIsNotFound() {
        UUID missing = UUID.randomUUID();
        setState(ws, missing.toString(), state("RUNNING")).statusCode(404)
                .body("exception_message", equalTo("Flow run with id " + missing + " not found"));
    }

    @Test
    void stateWithAnUnknownKeyIsRejected() {
        String id = createFlowRun(ws, "");
        setState(ws, id, "{\"type\": \"RUNNING\", \"timestamp\": \"2025-01-01T00:00:00Z\"}").statusCode(422)
                .body("exception_message", equalTo("Invalid request received."))
                .body("exception_detail[0].type", equalTo("extra_forbidden"))
                .body("exception_detail[0].loc", equalTo(List.of("body", "state", "timestamp")));
    }

    @Test
    void stateWithAnUnknownTypeIsRejected() {
        String id = createFlowRun(ws, "");
        setState(ws, id, "{\"type\": \"running\"}").statusCode(422).body("exception_detail[0].loc",
                equalTo(List.of("body", "state", "type")));
    }

    @Test
    void setStateWithoutAStateIsRejected() {
        String id = createFlowRun(ws, "");
        in(ws).body("{\"force\": true}").post("/flow_runs/" + id + "/set_state").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("missing")).body("exception_detail[0].loc", equalTo(List.of("body", "state")));
    }

    @Test
    void bulkSetStateOrchestratesEachMatchingRun() {
        String a = createFlowRun(ws, "\"tags\": [\"bulk\"]");
        String b = createFlowRun(ws, "\"tags\": [\"bulk\"]");
        JsonPath results = in(ws).body("{\"flow_runs\": {\"tags\": {\"all_\": [\"bulk\"]}}, \"state\": {\"type\": \"CANCELLED\"}}")
                .post("/flow_runs/bulk_set_state").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(b, a), results.getList("results.flow_run_id"));
        assertEquals(List.of("ACCEPT", "ACCEPT"), results.getList("results.status"));
    }

    @Test
    void resumeOfARunThatIsNotPausedIsAborted() {
        String id = createFlowRun(ws, "");
        in(ws).body("{}").post("/flow_runs/" + id + "/resume").then().statusCode(200).body("status", equalTo("ABORT"))
                .body("state", nullValue()).body("details.reason", equalTo("Cannot resume a flow run that is not paused."));
    }

    @Test
    void pausedRunResumesRunningAndCountsTheStepAsPrefectDoes() {
        String id = createFlowRun(ws, "");
        setState(ws, id, state("RUNNING")).statusCode(201);
        setState(ws, id, "{\"type\": \"PAUSED\", \"state_details\": {\"pause_key\": \"1\"}}").statusCode(201)
                .body("status", equalTo("ACCEPT"));
        in(ws).body("{}").post("/flow_runs/" + id + "/resume").then().statusCode(201).body("status", equalTo("ACCEPT"))
                .body("state.type", equalTo("RUNNING"));
        in(ws).get("/flow_runs/" + id).then().body("run_count", equalTo(2)).body("empirical_policy.resuming", equalTo(true))
                .body("empirical_policy.pause_keys", equalTo(List.of("1")));
    }

    @Test
    void resumeChecksTheRunInputAgainstItsSchema() {
        String id = createFlowRun(ws, "");
        setState(ws, id, state("RUNNING")).statusCode(201);
        in(ws).body("{\"key\": \"paused-1-schema\", \"value\": \"{\\\"type\\\": \\\"object\\\", \\\"required\\\": [\\\"approved\\\"]}\"}")
                .post("/flow_runs/" + id + "/input").then().statusCode(201);
        setState(ws, id, "{\"type\": \"PAUSED\", \"state_details\": {\"pause_key\": \"1\", \"run_input_keyset\": "
                + "{\"schema\": \"paused-1-schema\", \"response\": \"paused-1-response\", \"description\": \"paused-1-description\"}}}")
                .statusCode(201);
        in(ws).body("{\"run_input\": {}}").post("/flow_runs/" + id + "/resume").then().statusCode(200)
                .body("status", equalTo("REJECT")).body("details.type", equalTo("abort_details"))
                .body("state.type", equalTo("PAUSED"));
        in(ws).body("{\"run_input\": {\"approved\": true}}").post("/flow_runs/" + id + "/resume").then().statusCode(201)
                .body("status", equalTo("ACCEPT"));
        String response = in(ws).get("/flow_runs/" + id + "/input/paused-1-response").then().statusCode(200).extract().asString();
        assertEquals("{\"approved\":true}", response);
    }
}
