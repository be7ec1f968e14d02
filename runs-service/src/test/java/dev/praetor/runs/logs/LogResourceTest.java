package dev.praetor.runs.logs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.praetor.rest.tenancy.Workspace;
import dev.praetor.runs.recorder.RunsInfraTestProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(RunsInfraTestProfile.class)
class LogResourceTest {
    private static final String FLOW_RUN = "6b4c1e04-6a0e-4d0c-9b2e-1f2d3c4b5a69";
    private static final String TASK_RUN = "0195d1a4-0000-7000-8000-000000000001";

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL url;

    private static RequestSpecification in(UUID workspace) {
        return given().contentType("application/json").header(Workspace.HEADER, workspace.toString());
    }

    private static String log(String name, int level, String message, String timestamp, String taskRunId) {
        return """
                {"name": "%s", "level": %d, "message": "%s", "timestamp": "%s", "flow_run_id": "%s", "task_run_id": %s}"""
                .formatted(name, level, message, timestamp, FLOW_RUN, taskRunId == null ? "null" : "\"" + taskRunId + "\"");
    }

    /** Three logs of one flow run, posted in one request, as the client's log shipper does. */
    private static UUID workspaceWithLogs() {
        UUID workspace = UUID.randomUUID();
        in(workspace).body("[" + String.join(",",
                log("prefect.flow_runs", 20, "Beginning flow run 'crimson-otter' for flow 'etl'", "2026-01-01T10:00:00Z", null),
                log("prefect.task_runs", 40, "Task run failed with exception: ValueError('first try fails') - Retry 1/1",
                        "2026-01-01T10:00:02Z", TASK_RUN),
                log("prefect.task_runs", 20, "Finished in state Completed()", "2026-01-01 10:00:03.5+00:00", TASK_RUN))
                + "]").post("/logs/").then().statusCode(201);
        return workspace;
    }

    private static void messages(UUID workspace, String body, String... expected) {
        List<String> found = in(workspace).body(body).post("/logs/filter").then().statusCode(200).extract().path("message");
        assertEquals(List.of(expected), found, body);
    }

    @Test
    void createAnswers201WithJsonNull() {
        in(UUID.randomUUID()).body("[" + log("n", 20, "m", "2026-01-01T10:00:00Z", null) + "]").post("/logs/").then()
                .statusCode(201).contentType("application/json").body(equalTo("null"));
        in(UUID.randomUUID()).body("[]").post("/logs").then().statusCode(201);
    }

    @Test
    void logsAreServedInTimestampOrderWithEveryField() {
        UUID workspace = workspaceWithLogs();
        in(workspace).body("{\"logs\": null, \"limit\": null, \"offset\": null, \"sort\": \"TIMESTAMP_ASC\"}")
                .post("/logs/filter").then().statusCode(200)
                .body("$", hasSize(3))
                .body("[0].name", equalTo("prefect.flow_runs"))
                .body("[0].level", equalTo(20))
                .body("[0].timestamp", equalTo("2026-01-01T10:00:00Z"))
                .body("[0].flow_run_id", equalTo(FLOW_RUN))
                .body("[0].task_run_id", equalTo(null))
                .body("[0].id", matchesPattern("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"))
                .body("[2].timestamp", equalTo("2026-01-01T10:00:03.500000Z"));
        in(UUID.randomUUID()).body("{}").post("/logs/filter").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void nulCharactersAreRemoved() {
        UUID workspace = UUID.randomUUID();
        in(workspace).body("[" + log("a\\u0000b", 20, "x\\u0000y", "2026-01-01T10:00:00Z", null) + "]").post("/logs/")
                .then().statusCode(201);
        in(workspace).body("{}").post("/logs/filter").then().statusCode(200)
                .body("[0].name", equalTo("ab")).body("[0].message", equalTo("xy"));
    }

    @Test
    void anInvalidElementIs422AndNothingIsStored() {
        UUID workspace = UUID.randomUUID();
        String valid = log("n", 20, "kept?", "2026-01-01T10:00:00Z", null);
        in(workspace).body("[" + valid + ", {\"name\": \"n\", \"message\": \"m\", \"timestamp\": \"2026-01-01T10:00:00Z\"}]")
                .post("/logs/").then().statusCode(422)
                .body("exception_detail[0].loc", contains("body", 1, "level"))
                .body("exception_detail[0].type", equalTo("missing"));
        in(workspace).body("[" + valid.replace("}", ", \"worker_id\": null}") + "]").post("/logs/").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("extra_forbidden"));
        in(workspace).body("{\"name\": \"not a list\"}").post("/logs/").then().statusCode(422);
        in(workspace).body("{}").post("/logs/filter").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void filtersByLevelTimestampAndRuns() {
        UUID workspace = workspaceWithLogs();
        messages(workspace, "{\"logs\": {\"level\": {\"ge_\": 40}}}",
                "Task run failed with exception: ValueError('first try fails') - Retry 1/1");
        messages(workspace, "{\"logs\": {\"timestamp\": {\"after_\": \"2026-01-01T10:00:02Z\", \"before_\": null}},"
                + " \"sort\": \"TIMESTAMP_DESC\"}", "Finished in state Completed()",
                "Task run failed with exception: ValueError('first try fails') - Retry 1/1");
        messages(workspace, "{\"logs\": {\"task_run_id\": {\"is_null_\": true}}}",
                "Beginning flow run 'crimson-otter' for flow 'etl'");
        messages(workspace, "{\"logs\": {\"flow_run_id\": {\"any_\": []}}}");
        messages(workspace, "{\"logs\": {\"operator\": \"or_\", \"level\": {\"ge_\": 40}, "
                + "\"task_run_id\": {\"is_null_\": true}}}", "Beginning flow run 'crimson-otter' for flow 'etl'",
                "Task run failed with exception: ValueError('first try fails') - Retry 1/1");
        messages(workspace, "{\"limit\": 1, \"offset\": 1}",
                "Task run failed with exception: ValueError('first try fails') - Retry 1/1");
    }

    @Test
    void textSearchFollowsPrefectsQuerySyntax() {
        UUID workspace = workspaceWithLogs();
        // Alternatives, over the message and the logger name, case-insensitively.
        messages(workspace, "{\"logs\": {\"text\": {\"query\": \"BEGINNING completed\"}}}",
                "Beginning flow run 'crimson-otter' for flow 'etl'", "Finished in state Completed()");
        messages(workspace, "{\"logs\": {\"text\": {\"query\": \"task_runs -retry\"}}}", "Finished in state Completed()");
        messages(workspace, "{\"logs\": {\"text\": {\"query\": \"\\\"first try\\\" +valueerror\"}}}",
                "Task run failed with exception: ValueError('first try fails') - Retry 1/1");
        messages(workspace, "{\"logs\": {\"text\": {\"query\": \"   \"}}}",
                "Beginning flow run 'crimson-otter' for flow 'etl'",
                "Task run failed with exception: ValueError('first try fails') - Retry 1/1", "Finished in state Completed()");
    }

    @Test
    void logsOutUpgradeIsNotFoundUntilLiveTailingExists() {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(url.getPort())
                .setURI("/logs/out").addSubProtocol("prefect").addHeader(Workspace.HEADER, UUID.randomUUID().toString());
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> vertx.createWebSocketClient().connect(options).toCompletionStage().toCompletableFuture().get());
        assertEquals(404, ((UpgradeRejectedException) failure.getCause()).getStatus());
    }

    @Test
    void badFiltersAre422() {
        UUID workspace = UUID.randomUUID();
        in(workspace).body("{\"logs\": {\"text\": {\"query\": \"" + "x".repeat(201) + "\"}}}").post("/logs/filter").then()
                .statusCode(422).body("exception_detail[0].loc", contains("body", "logs", "text", "query"))
                .body("exception_detail[0].type", equalTo("string_too_long"));
        in(workspace).body("{\"logs\": {\"text\": {}}}").post("/logs/filter").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("missing"));
        in(workspace).body("{\"logs\": {\"name\": {\"any_\": [\"x\"]}}}").post("/logs/filter").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("extra_forbidden"));
        in(workspace).body("{\"limit\": 201}").post("/logs/filter").then().statusCode(422)
                .body("detail", equalTo("Invalid limit: must be less than or equal to 200."));
        in(workspace).body("{\"sort\": \"LEVEL_ASC\"}").post("/logs/filter").then().statusCode(422);
    }
}
