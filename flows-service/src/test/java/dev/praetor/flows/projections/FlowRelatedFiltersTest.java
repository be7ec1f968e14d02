package dev.praetor.flows.projections;

import static dev.praetor.testsupport.topics.Snapshots.deployment;
import static dev.praetor.testsupport.topics.Snapshots.flowRun;
import static dev.praetor.testsupport.topics.Snapshots.taskRun;
import static dev.praetor.testsupport.topics.Snapshots.tombstone;
import static dev.praetor.testsupport.topics.Snapshots.workQueue;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.praetor.events.Projections;
import dev.praetor.flows.FlowsTestProfile;
import dev.praetor.rest.tenancy.Workspace;
import dev.praetor.testsupport.Eventually;
import dev.praetor.testsupport.topics.SnapshotTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /flows/filter|count|paginate} with related-object criteria, answered from the projections that the service
 * feeds from the owners' snapshot topics. The owners are not running here: the test publishes their snapshots itself,
 * in their wire format, and reads our answers over HTTP.
 */
@QuarkusTest
@TestProfile(FlowsTestProfile.class)
class FlowRelatedFiltersTest {
    static final String GROUP = "flows-service-projections";
    private static SnapshotTopics topics;

    @Inject
    Projections projections;

    @Inject
    Pool pool;

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

    private UUID flow(String name, String... tags) {
        String body = "{\"name\":\"" + name + "\",\"tags\":" + json(List.of(tags)) + "}";
        return UUID.fromString(in().body(body).post("/flows/").then().statusCode(201).extract().path("id"));
    }

    private Set<String> namesMatching(String body) {
        return Set.copyOf(in().body(body).post("/flows/filter").then().statusCode(200).extract().jsonPath()
                .getList("name", String.class));
    }

    /** Polls (with a deadline) until the filter answers {@code expected}: projections are eventually consistent. */
    private void awaitNames(String body, Set<String> expected) {
        Eventually.awaitEquals(expected, () -> namesMatching(body), body);
    }

    @Test
    void userExampleFlowsTaggedDatabaseWithAFailedRun() {
        UUID first = flow("etl-db", "database");
        UUID untagged = flow("etl-files");
        UUID completedOnly = flow("etl-db-ok", "database");
        topics.send(flowRun(ws, UUID.randomUUID(), 3, first, "FAILED", null, List.of()));
        topics.send(flowRun(ws, UUID.randomUUID(), 3, first, "COMPLETED", null, List.of()));
        topics.send(flowRun(ws, UUID.randomUUID(), 3, untagged, "FAILED", null, List.of()));
        RecordMetadata last = topics.send(flowRun(ws, UUID.randomUUID(), 3, completedOnly, "COMPLETED", null, List.of()));
        topics.awaitConsumed(GROUP, last);

        String body = "{\"flows\":{\"tags\":{\"all_\":[\"database\"]}},"
                + "\"flow_runs\":{\"state\":{\"type\":{\"any_\":[\"FAILED\"]}}}}";
        awaitNames(body, Set.of("etl-db"));
        in().body(body).post("/flows/count").then().statusCode(200).body(org.hamcrest.Matchers.equalTo("1"));
        in().body(body).post("/flows/paginate").then().statusCode(200)
                .body("count", org.hamcrest.Matchers.equalTo(1))
                .body("results[0].id", org.hamcrest.Matchers.equalTo(first.toString()));
    }

    @Test
    void flowRunsCriterionSeesEveryFlowRunColumn() {
        UUID tagged = flow("tagged-runs");
        UUID other = flow("other-runs");
        UUID deploymentId = UUID.randomUUID();
        topics.send(flowRun(ws, UUID.randomUUID(), 1, tagged, "RUNNING", deploymentId, List.of("nightly")));
        RecordMetadata last = topics.send(flowRun(ws, UUID.randomUUID(), 1, other, "SCHEDULED", null, List.of()));
        topics.awaitConsumed(GROUP, last);

        awaitNames("{\"flow_runs\":{\"tags\":{\"all_\":[\"nightly\"]}}}", Set.of("tagged-runs"));
        awaitNames("{\"flow_runs\":{\"deployment_id\":{\"any_\":[\"" + deploymentId + "\"]}}}", Set.of("tagged-runs"));
        awaitNames("{\"flow_runs\":{\"deployment_id\":{\"is_null_\":true}}}", Set.of("other-runs"));
        awaitNames("{\"flow_runs\":{\"state\":{\"name\":{\"any_\":[\"Scheduled\"]}}}}", Set.of("other-runs"));
        awaitNames("{\"flow_runs\":{\"operator\":\"or_\",\"state\":{\"type\":{\"any_\":[\"RUNNING\"]}},"
                + "\"name\":{\"any_\":[\"nope\"]}}}", Set.of("tagged-runs"));
        awaitNames("{\"flow_runs\":{\"start_time\":{\"after_\":\"2000-01-01T00:00:00Z\"}}}",
                Set.of("tagged-runs", "other-runs"));
        awaitNames("{\"flow_runs\":{\"parent_flow_run_id\":{\"any_\":[\"" + UUID.randomUUID() + "\"]}}}", Set.of());
        awaitNames("{\"flow_runs\":{}}", Set.of("tagged-runs", "other-runs"));
    }

    @Test
    void taskRunsCriterionNeedsTheSameRunToMatchBoth() {
        UUID both = flow("both");
        UUID split = flow("split");
        UUID bothRun = UUID.randomUUID();
        UUID splitFailedRun = UUID.randomUUID();
        UUID splitCompletedRun = UUID.randomUUID();
        topics.send(flowRun(ws, bothRun, 2, both, "FAILED", null, List.of()));
        topics.send(taskRun(ws, UUID.randomUUID(), 2, bothRun, "FAILED", List.of("db")));
        // "split": the failed run has no failed task; the failed task belongs to a completed run
        topics.send(flowRun(ws, splitFailedRun, 2, split, "FAILED", null, List.of()));
        topics.send(flowRun(ws, splitCompletedRun, 2, split, "COMPLETED", null, List.of()));
        RecordMetadata last = topics.send(taskRun(ws, UUID.randomUUID(), 2, splitCompletedRun, "FAILED", List.of("db")));
        topics.awaitConsumed(GROUP, last);

        awaitNames("{\"task_runs\":{\"state\":{\"type\":{\"any_\":[\"FAILED\"]}}}}", Set.of("both", "split"));
        awaitNames("{\"task_runs\":{\"tags\":{\"all_\":[\"db\"]}}}", Set.of("both", "split"));
        awaitNames("{\"flow_runs\":{\"state\":{\"type\":{\"any_\":[\"FAILED\"]}}},"
                + "\"task_runs\":{\"state\":{\"type\":{\"any_\":[\"FAILED\"]}}}}", Set.of("both"));
        awaitNames("{\"task_runs\":{\"subflow_runs\":{\"exists_\":true}}}", Set.of());
    }

    @Test
    void deploymentsCriterionAndFlowDeploymentIsNull() {
        UUID deployed = flow("deployed");
        UUID paused = flow("paused-one");
        flow("undeployed");
        topics.send(deployment(ws, UUID.randomUUID(), 1, deployed, "deployed", "nightly", false, List.of("prod"), null,
                "default", null));
        RecordMetadata last = topics.send(deployment(ws, UUID.randomUUID(), 1, paused, "paused-one", "weekly", true,
                List.of(), null, "default", null));
        topics.awaitConsumed(GROUP, last);

        awaitNames("{\"deployments\":{\"name\":{\"any_\":[\"nightly\"]}}}", Set.of("deployed"));
        awaitNames("{\"deployments\":{\"tags\":{\"all_\":[\"prod\"]}}}", Set.of("deployed"));
        awaitNames("{\"deployments\":{\"paused\":{\"eq_\":true}}}", Set.of("paused-one"));
        awaitNames("{\"deployments\":{\"flow_or_deployment_name\":{\"like_\":\"PAUSED\"}}}", Set.of("paused-one"));
        awaitNames("{\"deployments\":{\"work_queue_name\":{\"any_\":[\"default\"]}}}", Set.of("deployed", "paused-one"));
        awaitNames("{\"flows\":{\"deployment\":{\"is_null_\":true}}}", Set.of("undeployed"));
        awaitNames("{\"flows\":{\"deployment\":{\"is_null_\":false}}}", Set.of("deployed", "paused-one"));
    }

    @Test
    void workPoolsCriterionFollowsTheDeploymentsQueue() {
        UUID onK8s = flow("on-k8s");
        UUID onProcess = flow("on-process");
        UUID k8sQueue = UUID.randomUUID();
        UUID processQueue = UUID.randomUUID();
        UUID k8sPool = UUID.randomUUID();
        topics.send(workQueue(ws, k8sQueue, 1, "default", k8sPool, "k8s", "kubernetes"));
        topics.send(workQueue(ws, processQueue, 1, "default", UUID.randomUUID(), "local", "process"));
        topics.send(deployment(ws, UUID.randomUUID(), 1, onK8s, "on-k8s", "a", false, List.of("prod"), k8sQueue,
                "default", "k8s"));
        RecordMetadata last = topics.send(deployment(ws, UUID.randomUUID(), 1, onProcess, "on-process", "b", false,
                List.of(), processQueue, "default", "local"));
        topics.awaitConsumed(GROUP, last);

        awaitNames("{\"work_pools\":{\"name\":{\"any_\":[\"k8s\"]}}}", Set.of("on-k8s"));
        awaitNames("{\"work_pools\":{\"type\":{\"any_\":[\"process\"]}}}", Set.of("on-process"));
        awaitNames("{\"work_pools\":{\"id\":{\"any_\":[\"" + k8sPool + "\"]}}}", Set.of("on-k8s"));
        // the same deployment must be tagged prod and sit in the process pool: none does
        awaitNames("{\"deployments\":{\"tags\":{\"all_\":[\"prod\"]}},\"work_pools\":{\"type\":{\"any_\":[\"process\"]}}}",
                Set.of());
    }

    @Test
    void olderSnapshotAfterANewerOneChangesNothing() {
        UUID flowId = flow("ordered");
        UUID run = UUID.randomUUID();
        topics.send(flowRun(ws, run, 5, flowId, "FAILED", null, List.of()));
        RecordMetadata older = topics.send(flowRun(ws, run, 4, flowId, "COMPLETED", null, List.of()));
        topics.awaitConsumed(GROUP, older);

        assertEquals(List.of("5", "FAILED", "false"), projectedRun(run));
        assertEquals(Set.of("ordered"), namesMatching("{\"flow_runs\":{\"state\":{\"type\":{\"any_\":[\"FAILED\"]}}}}"));
        assertEquals(Set.of(), namesMatching("{\"flow_runs\":{\"state\":{\"type\":{\"any_\":[\"COMPLETED\"]}}}}"));
    }

    @Test
    void tombstoneThenLateUpdateStaysDeleted() {
        UUID flowId = flow("deleted-run");
        UUID run = UUID.randomUUID();
        topics.send(flowRun(ws, run, 1, flowId, "RUNNING", null, List.of()));
        topics.send(tombstone("flow-runs", ws, run, 3));
        RecordMetadata late = topics.send(flowRun(ws, run, 2, flowId, "FAILED", null, List.of()));
        topics.awaitConsumed(GROUP, late);

        assertEquals("3", projectedRun(run).get(0));
        assertEquals("true", projectedRun(run).get(2));
        assertEquals(Set.of(), namesMatching("{\"flow_runs\":{}}"));
        // a tombstone for an id never seen leaves a marker that blocks its older snapshots too
        UUID unseen = UUID.randomUUID();
        topics.send(tombstone("flow-runs", ws, unseen, 7));
        RecordMetadata older = topics.send(flowRun(ws, unseen, 6, flowId, "FAILED", null, List.of()));
        topics.awaitConsumed(GROUP, older);
        assertEquals(List.of("7", "null", "true"), projectedRun(unseen));
        assertEquals(Set.of(), namesMatching("{\"flow_runs\":{}}"));
    }

    @Test
    void freshGroupRebuildsTheProjectionsAndReplayingAgainChangesNothing() {
        UUID flowId = flow("replayed", "database");
        UUID run = UUID.randomUUID();
        UUID queue = UUID.randomUUID();
        topics.send(flowRun(ws, run, 1, flowId, "RUNNING", null, List.of()));
        topics.send(flowRun(ws, run, 2, flowId, "FAILED", null, List.of()));
        topics.send(taskRun(ws, UUID.randomUUID(), 1, run, "FAILED", List.of()));
        topics.send(workQueue(ws, queue, 1, "default", UUID.randomUUID(), "pool", "process"));
        topics.send(deployment(ws, UUID.randomUUID(), 1, flowId, "replayed", "d", false, List.of(), queue, "default",
                "pool"));
        UUID gone = UUID.randomUUID();
        topics.send(flowRun(ws, gone, 1, flowId, "COMPLETED", null, List.of()));
        topics.send(tombstone("flow-runs", ws, gone, 2));
        List<String> topicNames = projections.tables().stream().map(t -> t.topic()).toList();
        topics.awaitCaughtUp(GROUP, topicNames);
        String example = "{\"flows\":{\"tags\":{\"all_\":[\"database\"]}},"
                + "\"flow_runs\":{\"state\":{\"type\":{\"any_\":[\"FAILED\"]}}},\"task_runs\":{},\"work_pools\":{}}";
        awaitNames(example, Set.of("replayed"));
        List<String> before = dump();

        pool.query("TRUNCATE flow_run_projection, task_run_projection, deployment_projection, work_queue_projection")
                .execute().await().atMost(Duration.ofSeconds(30));
        assertEquals(Set.of(), namesMatching(example));
        String rebuild = "rebuild-" + UUID.randomUUID();
        projections.replay(rebuild);
        topics.awaitCaughtUp(rebuild, topicNames);
        assertEquals(before, dump(), "a fresh consumer group rebuilds the same rows");
        assertEquals(Set.of("replayed"), namesMatching(example));

        String again = "replay-" + UUID.randomUUID();
        projections.replay(again);
        topics.awaitCaughtUp(again, topicNames);
        assertEquals(before, dump(), "replaying once more changes nothing");
    }

    /** version, state_type and deleted of a projected flow run. */
    private List<String> projectedRun(UUID id) {
        Row row = pool.preparedQuery("SELECT version, state_type, deleted FROM flow_run_projection WHERE id = $1")
                .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(30)).iterator().next();
        return List.of(String.valueOf(row.getLong("version")), String.valueOf(row.getString("state_type")),
                String.valueOf(row.getBoolean("deleted")));
    }

    /** Every projected row, of every workspace, as text. */
    private List<String> dump() {
        Supplier<List<String>> rows = () -> pool.query("""
                SELECT 'fr' || r::text AS line FROM flow_run_projection r
                UNION ALL SELECT 'tr' || r::text FROM task_run_projection r
                UNION ALL SELECT 'd' || r::text FROM deployment_projection r
                UNION ALL SELECT 'wq' || r::text FROM work_queue_projection r
                ORDER BY 1""").execute().await().atMost(Duration.ofSeconds(30)).stream()
                .map(row -> row.getString("line")).toList();
        List<String> lines = rows.get();
        assertTrue(lines.size() >= 6);
        return lines;
    }

    private static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }
}
