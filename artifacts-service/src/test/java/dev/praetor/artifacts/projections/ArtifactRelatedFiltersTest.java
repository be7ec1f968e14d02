package dev.praetor.artifacts.projections;

import static dev.praetor.testsupport.topics.Snapshots.deployment;
import static dev.praetor.testsupport.topics.Snapshots.flow;
import static dev.praetor.testsupport.topics.Snapshots.flowRun;
import static dev.praetor.testsupport.topics.Snapshots.taskRun;
import static dev.praetor.testsupport.topics.Snapshots.tombstone;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.praetor.artifacts.ArtifactsTestProfile;
import dev.praetor.rest.tenancy.Workspace;
import dev.praetor.testsupport.Eventually;
import dev.praetor.testsupport.topics.SnapshotTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /artifacts/filter|count} and {@code /artifacts/latest/filter|count} with related-object criteria, answered
 * from the projections fed by the owners' snapshot topics. The owners are not running here: the test publishes their
 * snapshots itself, in their wire format, and reads our answers over HTTP.
 */
@QuarkusTest
@TestProfile(ArtifactsTestProfile.class)
class ArtifactRelatedFiltersTest {
    static final String GROUP = "artifacts-service-projections";
    private static SnapshotTopics topics;

    private final UUID ws = UUID.randomUUID();

    @BeforeAll
    static void connect() {
        topics = new SnapshotTopics();
    }

    @AfterAll
    static void disconnect() {
        topics.close();
    }

    private RequestSpecification in() {
        return given().contentType("application/json").header(Workspace.HEADER, ws.toString());
    }

    private void artifact(String key, UUID flowRunId, UUID taskRunId) {
        in().body("{\"key\":\"" + key + "\",\"type\":\"markdown\",\"data\":\"x\",\"flow_run_id\":"
                + quoted(flowRunId) + ",\"task_run_id\":" + quoted(taskRunId) + "}")
                .post("/artifacts/").then().statusCode(201);
    }

    private Set<String> keys(String path, String body) {
        return Set.copyOf(in().body(body).post(path).then().statusCode(200).extract().jsonPath()
                .getList("key", String.class));
    }

    /** Polls (with a deadline) until the filter answers {@code expected}: projections are eventually consistent. */
    private void awaitKeys(String path, String body, Set<String> expected) {
        Eventually.awaitEquals(expected, () -> keys(path, body), path + " " + body);
    }

    @Test
    void flowRunsCriterion() {
        UUID failed = UUID.randomUUID();
        UUID completed = UUID.randomUUID();
        artifact("of-failed", failed, null);
        artifact("of-completed", completed, null);
        artifact("of-unknown-run", UUID.randomUUID(), null);
        artifact("without-run", null, null);
        UUID flowId = UUID.randomUUID();
        topics.send(flowRun(ws, failed, 2, flowId, "FAILED", null, List.of()));
        topics.awaitConsumed(GROUP, topics.send(flowRun(ws, completed, 2, flowId, "COMPLETED", null, List.of())));

        String body = "{\"flow_runs\":{\"state\":{\"type\":{\"any_\":[\"FAILED\"]}}}}";
        awaitKeys("/artifacts/filter", body, Set.of("of-failed"));
        awaitKeys("/artifacts/latest/filter", body, Set.of("of-failed"));
        in().body(body).post("/artifacts/count").then().statusCode(200).body(org.hamcrest.Matchers.equalTo("1"));
        in().body(body).post("/artifacts/latest/count").then().statusCode(200).body(org.hamcrest.Matchers.equalTo("1"));
        awaitKeys("/artifacts/filter", "{\"flow_runs\":{}}", Set.of("of-failed", "of-completed"));
    }

    @Test
    void taskRunsCriterion() {
        UUID failedTask = UUID.randomUUID();
        UUID okTask = UUID.randomUUID();
        UUID run = UUID.randomUUID();
        artifact("task-failed", run, failedTask);
        artifact("task-ok", run, okTask);
        artifact("flow-level", run, null);
        topics.send(taskRun(ws, failedTask, 1, run, "FAILED", List.of("db")));
        topics.awaitConsumed(GROUP, topics.send(taskRun(ws, okTask, 1, run, "COMPLETED", List.of())));

        awaitKeys("/artifacts/filter", "{\"task_runs\":{\"tags\":{\"all_\":[\"db\"]}}}", Set.of("task-failed"));
        awaitKeys("/artifacts/latest/filter", "{\"task_runs\":{\"state\":{\"type\":{\"any_\":[\"COMPLETED\"]}}}}",
                Set.of("task-ok"));
    }

    @Test
    void flowsCriterionGoesThroughTheRunsFlow() {
        UUID dbFlow = UUID.randomUUID();
        UUID otherFlow = UUID.randomUUID();
        UUID dbRun = UUID.randomUUID();
        UUID otherRun = UUID.randomUUID();
        artifact("db-artifact", dbRun, null);
        artifact("other-artifact", otherRun, null);
        topics.send(flow(ws, dbFlow, 1, "etl-db", List.of("database")));
        topics.send(flow(ws, otherFlow, 1, "etl-files", List.of()));
        topics.send(flowRun(ws, dbRun, 1, dbFlow, "FAILED", null, List.of()));
        topics.awaitConsumed(GROUP, topics.send(flowRun(ws, otherRun, 1, otherFlow, "FAILED", null, List.of())));

        awaitKeys("/artifacts/filter", "{\"flows\":{\"tags\":{\"all_\":[\"database\"]}}}", Set.of("db-artifact"));
        awaitKeys("/artifacts/latest/filter", "{\"flows\":{\"name\":{\"any_\":[\"etl-files\"]}}}",
                Set.of("other-artifact"));
        // the same run must be FAILED and belong to a database flow
        awaitKeys("/artifacts/filter", "{\"flows\":{\"tags\":{\"all_\":[\"database\"]}},"
                + "\"flow_runs\":{\"state\":{\"type\":{\"any_\":[\"FAILED\"]}}}}", Set.of("db-artifact"));
        awaitKeys("/artifacts/filter", "{\"flows\":{\"deployment\":{\"is_null_\":true}}}",
                Set.of("db-artifact", "other-artifact"));
    }

    @Test
    void deploymentsCriterionGoesThroughTheRunsDeployment() {
        UUID flowId = UUID.randomUUID();
        UUID deploymentId = UUID.randomUUID();
        UUID deployedRun = UUID.randomUUID();
        UUID adHocRun = UUID.randomUUID();
        artifact("deployed", deployedRun, null);
        artifact("ad-hoc", adHocRun, null);
        // no flow snapshot at all: a deployments criterion alone does not need the run's flow
        topics.send(deployment(ws, deploymentId, 1, flowId, "etl", "nightly", false, List.of("prod"), null, "default",
                null));
        topics.send(flowRun(ws, deployedRun, 1, flowId, "COMPLETED", deploymentId, List.of()));
        topics.awaitConsumed(GROUP, topics.send(flowRun(ws, adHocRun, 1, flowId, "COMPLETED", null, List.of())));

        awaitKeys("/artifacts/filter", "{\"deployments\":{\"name\":{\"any_\":[\"nightly\"]}}}", Set.of("deployed"));
        awaitKeys("/artifacts/latest/filter", "{\"deployments\":{\"tags\":{\"all_\":[\"prod\"]}}}", Set.of("deployed"));
        awaitKeys("/artifacts/filter", "{\"deployments\":{\"flow_or_deployment_name\":{\"like_\":\"ETL\"}}}",
                Set.of("deployed"));
        // a flows criterion needs the flow's snapshot, which never came
        awaitKeys("/artifacts/filter", "{\"flows\":{},\"deployments\":{}}", Set.of());
    }

    @Test
    void deletedRunNoLongerMatchesAndALateOlderSnapshotDoesNotRevive() {
        UUID run = UUID.randomUUID();
        artifact("of-deleted-run", run, null);
        UUID flowId = UUID.randomUUID();
        topics.awaitConsumed(GROUP, topics.send(flowRun(ws, run, 1, flowId, "FAILED", null, List.of())));
        awaitKeys("/artifacts/filter", "{\"flow_runs\":{}}", Set.of("of-deleted-run"));

        topics.send(tombstone("flow-runs", ws, run, 3));
        RecordMetadata late = topics.send(flowRun(ws, run, 2, flowId, "FAILED", null, List.of()));
        topics.awaitConsumed(GROUP, late);
        assertEquals(Set.of(), keys("/artifacts/filter", "{\"flow_runs\":{}}"));
    }

    private static String quoted(UUID id) {
        return id == null ? "null" : "\"" + id + "\"";
    }
}
