package dev.praetor.runs.concurrency;

import static dev.praetor.runs.Api.createFlowRun;
import static dev.praetor.runs.Api.in;
import static dev.praetor.runs.Api.setTaskState;
import static dev.praetor.runs.Api.state;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.praetor.runs.RunsTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(RunsTestProfile.class)
class ConcurrencyLimitResourceTest {
    private final UUID ws = UUID.randomUUID();

    private void createTagLimit(String tag, int limit, int expectedStatus) {
        in(ws).body("{\"tag\": \"" + tag + "\", \"concurrency_limit\": " + limit + "}").post("/concurrency_limits/").then()
                .statusCode(expectedStatus).body("tag", equalTo(tag)).body("concurrency_limit", equalTo(limit))
                .body("active_slots", hasSize(0));
    }

    private Response increment(String tag, String taskRunId) {
        return in(ws).body("{\"names\": [\"" + tag + "\"], \"task_run_id\": \"" + taskRunId + "\"}")
                .post("/concurrency_limits/increment");
    }

    @Test
    void createIsAnUpsertOverTheV2TagLimit() {
        createTagLimit("etl", 1, 201);
        createTagLimit("etl", 3, 200);
        in(ws).get("/v2/concurrency_limits/tag:etl").then().statusCode(200).body("limit", equalTo(3));
        String id = in(ws).get("/concurrency_limits/tag/etl").then().statusCode(200).body("concurrency_limit", equalTo(3))
                .extract().path("id");
        in(ws).get("/concurrency_limits/" + id).then().statusCode(200).body("tag", equalTo("etl"));
    }

    @Test
    void nonTagLimitsAndMissingTagsAre404() {
        String global = in(ws).body("{\"name\": \"db\", \"limit\": 1}").post("/v2/concurrency_limits/").then().statusCode(201)
                .extract().path("id");
        in(ws).get("/concurrency_limits/" + global).then().statusCode(404).body("detail", equalTo("Concurrency limit not found"));
        in(ws).get("/concurrency_limits/tag/missing").then().statusCode(404);
        in(ws).delete("/concurrency_limits/tag/missing").then().statusCode(404);
        in(ws).body("{}").post("/concurrency_limits/tag/missing/reset").then().statusCode(404);
        in(ws).body("{}").post("/concurrency_limits/filter").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void negativeLimitIs422() {
        in(ws).body("{\"tag\": \"neg\", \"concurrency_limit\": -1}").post("/concurrency_limits/").then().statusCode(422);
        in(ws).body("{\"tag\": \"neg\"}").post("/concurrency_limits/").then().statusCode(422);
    }

    @Test
    void incrementTakesOneSlotPerTaskRunAndDecrementGivesItBack() {
        createTagLimit("io", 1, 201);
        String first = UUID.randomUUID().toString();
        increment("io", first).then().statusCode(200).body("[0].name", equalTo("io")).body("[0].limit", equalTo(1));
        in(ws).get("/concurrency_limits/tag/io").then().body("active_slots", equalTo(List.of(first)));
        Response locked = increment("io", UUID.randomUUID().toString());
        assertEquals(423, locked.statusCode());
        assertEquals("Concurrency limit for the io tag has been reached", locked.jsonPath().getString("detail"));
        assertEquals(10.0, Double.parseDouble(locked.getHeader("Retry-After")));
        in(ws).body("{\"names\": [\"io\"], \"task_run_id\": \"" + first + "\"}").post("/concurrency_limits/decrement").then()
                .statusCode(200).body("[0].name", equalTo("tag:io"));
        in(ws).get("/concurrency_limits/tag/io").then().body("active_slots", hasSize(0));
        increment("io", UUID.randomUUID().toString()).then().statusCode(200);
    }

    @Test
    void zeroLimitIsADeadlock() {
        createTagLimit("never", 0, 201);
        increment("never", UUID.randomUUID().toString()).then().statusCode(423)
                .body("detail", equalTo("The concurrency limit on tag \"never\" is 0 and will deadlock if the task tries to run again."));
    }

    @Test
    void resetReplacesTheHolders() {
        createTagLimit("rs", 2, 201);
        increment("rs", UUID.randomUUID().toString()).then().statusCode(200);
        increment("rs", UUID.randomUUID().toString()).then().statusCode(200);
        String kept = UUID.randomUUID().toString();
        in(ws).body("{\"slot_override\": [\"" + kept + "\"]}").post("/concurrency_limits/tag/rs/reset").then().statusCode(200)
                .body(equalTo("null"));
        in(ws).get("/concurrency_limits/tag/rs").then().body("active_slots", equalTo(List.of(kept)));
        in(ws).get("/v2/concurrency_limits/tag:rs").then().body("active_slots", equalTo(1));
    }

    @Test
    void deleteByTagAndById() {
        createTagLimit("gone", 1, 201);
        in(ws).delete("/concurrency_limits/tag/gone").then().statusCode(200).body(equalTo("null"));
        in(ws).get("/concurrency_limits/tag/gone").then().statusCode(404);
        createTagLimit("gone2", 1, 201);
        String id = in(ws).get("/concurrency_limits/tag/gone2").then().extract().path("id");
        in(ws).delete("/concurrency_limits/" + id).then().statusCode(200);
        in(ws).delete("/concurrency_limits/" + id).then().statusCode(404);
    }

    @Test
    void filterListsTagLimitsOnly() {
        createTagLimit("b", 1, 201);
        createTagLimit("a", 1, 201);
        in(ws).body("{\"name\": \"global\", \"limit\": 1}").post("/v2/concurrency_limits/").then().statusCode(201);
        in(ws).body("{}").post("/concurrency_limits/filter").then().statusCode(200).body("tag", equalTo(List.of("a", "b")));
    }

    /** Task rule 4 and 11 over the tag limits: a second tagged task waits until the first leaves Running. */
    @Test
    void taskRunsWithATaggedLimitRunOneAtATime() {
        createTagLimit("etl", 1, 201);
        String flowRun = createFlowRun(ws, "\"state\": {\"type\": \"RUNNING\"}");
        String first = taskRun(flowRun, "a");
        String second = taskRun(flowRun, "b");
        setTaskState(ws, first, state("PENDING")).statusCode(201);
        setTaskState(ws, second, state("PENDING")).statusCode(201);
        setTaskState(ws, first, state("RUNNING")).statusCode(201).body("status", equalTo("ACCEPT"));
        setTaskState(ws, second, state("RUNNING")).statusCode(200).body("status", equalTo("WAIT"));
        in(ws).get("/concurrency_limits/tag/etl").then().body("active_slots", equalTo(List.of(first)));
        setTaskState(ws, first, state("COMPLETED")).statusCode(201).body("status", equalTo("ACCEPT"));
        in(ws).get("/concurrency_limits/tag/etl").then().body("active_slots", hasSize(0));
        setTaskState(ws, second, state("RUNNING")).statusCode(201).body("status", equalTo("ACCEPT"));
    }

    @Test
    void zeroTagLimitAbortsTheTaskRun() {
        createTagLimit("blocked", 0, 201);
        String flowRun = createFlowRun(ws, "\"state\": {\"type\": \"RUNNING\"}");
        in(ws).body("{\"flow_run_id\": \"" + flowRun + "\", \"task_key\": \"z\", \"dynamic_key\": \"0\", \"tags\": [\"blocked\"]}")
                .post("/task_runs/").then().statusCode(201);
        String run = in(ws).body("{\"flow_run_id\": \"" + flowRun + "\", \"task_key\": \"z\", \"dynamic_key\": \"1\", \"tags\": [\"blocked\"]}")
                .post("/task_runs/").then().statusCode(201).extract().path("id");
        setTaskState(ws, run, state("PENDING")).statusCode(201);
        setTaskState(ws, run, state("RUNNING")).statusCode(200).body("status", equalTo("ABORT"));
    }

    private String taskRun(String flowRun, String key) {
        return in(ws).body("{\"flow_run_id\": \"" + flowRun + "\", \"task_key\": \"" + key + "\", \"dynamic_key\": \"0\", "
                + "\"tags\": [\"etl\"]}").post("/task_runs/").then().statusCode(201).extract().path("id");
    }
}
