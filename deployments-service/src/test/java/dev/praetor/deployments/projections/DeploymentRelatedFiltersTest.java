package dev.praetor.deployments.projections;

import static dev.praetor.deployments.Requests.in;
import static dev.praetor.testsupport.topics.Snapshots.flow;
import static dev.praetor.testsupport.topics.Snapshots.flowRun;
import static dev.praetor.testsupport.topics.Snapshots.taskRun;
import static dev.praetor.testsupport.topics.Snapshots.tombstone;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.praetor.events.Projections;
import dev.praetor.testsupport.Eventually;
import dev.praetor.testsupport.topics.SnapshotTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /deployments/filter|count|paginate} with related-object criteria (deployments.md §3.3): {@code flows},
 * {@code flow_runs} and {@code task_runs} answered from the projections that the service feeds from the owners'
 * snapshot topics, {@code work_pools} and {@code work_pool_queues} from its own tables. The owners are not running
 * here: the test publishes their snapshots itself, in their wire format, and reads our answers over HTTP.
 */
@QuarkusTest
@TestProfile(ProjectionsTestProfile.class)
class DeploymentRelatedFiltersTest {
    static final String GROUP = ProjectionsTestProfile.GROUP;
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

    /** Creates a deployment of {@code flowId} (named by its id here) and returns its id. */
    private UUID deployment(UUID flowId, String name, String extra) {
        String body = "{\"flow_id\":\"" + flowId + "\",\"name\":\"" + name + "\"" + (extra.isEmpty() ? "" : "," + extra)
                + "}";
        return UUID.fromString(in(ws).body(body).post("/deployments/").then().statusCode(201).extract().path("id"));
    }

    private Set<String> namesMatching(String body) {
        return Set.copyOf(in(ws).body(body).post("/deployments/filter").then().statusCode(200).extract().jsonPath()
                .getList("name", String.class));
    }

    /** Polls (with a deadline) until the filter answers {@code expected}: projections are eventually consistent. */
    private void awaitNames(String body, Set<String> expected) {
        Eventually.awaitEquals(expected, () -> namesMatching(body), body);
    }

    @Test
    void flowsCriterionReadsTheFlowsTagsFromTheProjectionAndItsNameFromTheDeployment() {
        UUID tagged = UUID.randomUUID();
        UUID untagged = UUID.randomUUID();
        UUID unprojected = UUID.randomUUID();
        deployment(tagged, "db-nightly", "");
        deployment(tagged, "db-weekly", "");
        deployment(untagged, "files", "");
        deployment(unprojected, "fresh", "");
        topics.send(flow(ws, tagged, 2, tagged.toString(), List.of("database", "etl")));
        RecordMetadata last = topics.send(flow(ws, untagged, 1, untagged.toString(), List.of()));
        topics.awaitConsumed(GROUP, last);

        String databaseTag = "{\"flows\":{\"tags\":{\"all_\":[\"database\"]}}}";
        awaitNames(databaseTag, Set.of("db-nightly", "db-weekly"));
        in(ws).body(databaseTag).post("/deployments/count").then().statusCode(200).body(equalTo("2"));
        in(ws).body("{\"flows\":{\"tags\":{\"all_\":[\"database\"]}},\"limit\":1}").post("/deployments/paginate").then()
                .statusCode(200).body("count", equalTo(2)).body("pages", equalTo(2))
                .body("results[0].name", equalTo("db-nightly"));
        // a flow not projected yet has no tags, but its id and name are the deployment's own (read-your-writes)
        awaitNames("{\"flows\":{\"tags\":{\"is_null_\":true}}}", Set.of("files", "fresh"));
        awaitNames("{\"flows\":{\"id\":{\"any_\":[\"" + unprojected + "\"]}}}", Set.of("fresh"));
        awaitNames("{\"flows\":{\"name\":{\"any_\":[\"" + untagged + "\"]}}}", Set.of("files"));
        awaitNames("{\"flows\":{\"operator\":\"or_\",\"tags\":{\"all_\":[\"etl\"]},\"name\":{\"any_\":[\"" + untagged
                + "\"]}}}", Set.of("db-nightly", "db-weekly", "files"));
        // a flow seen through its deployment has one
        awaitNames("{\"flows\":{\"deployment\":{\"is_null_\":false}},\"deployments\":{\"name\":{\"any_\":[\"files\"]}}}",
                Set.of("files"));
        awaitNames("{\"flows\":{\"deployment\":{\"is_null_\":true}}}", Set.of());
        // a deleted flow matches nothing
        RecordMetadata deleted = topics.send(tombstone("flows", ws, untagged, 2));
        topics.awaitConsumed(GROUP, deleted);
        awaitNames("{\"flows\":{\"name\":{\"any_\":[\"" + untagged + "\"]}}}", Set.of());
    }

    @Test
    void userExampleWithDeploymentsDeploymentsWithAFailedRunOfATaggedFlow() {
        UUID tagged = UUID.randomUUID();
        UUID untagged = UUID.randomUUID();
        UUID failing = deployment(tagged, "failing", "");
        UUID fine = deployment(tagged, "fine", "");
        UUID otherFailing = deployment(untagged, "other-failing", "");
        topics.send(flow(ws, tagged, 1, tagged.toString(), List.of("database")));
        topics.send(flowRun(ws, UUID.randomUUID(), 3, tagged, "FAILED", failing, List.of()));
        topics.send(flowRun(ws, UUID.randomUUID(), 3, tagged, "COMPLETED", failing, List.of()));
        topics.send(flowRun(ws, UUID.randomUUID(), 3, tagged, "COMPLETED", fine, List.of()));
        RecordMetadata last = topics.send(flowRun(ws, UUID.randomUUID(), 3, untagged, "FAILED", otherFailing, List.of()));
        topics.awaitConsumed(GROUP, last);

        awaitNames("{\"flows\":{\"tags\":{\"all_\":[\"database\"]}},"
                + "\"flow_runs\":{\"state\":{\"type\":{\"any_\":[\"FAILED\"]}}}}", Set.of("failing"));
    }

    @Test
    void flowRunsCriterionSeesEveryFlowRunColumnOfTheDeploymentsRuns() {
        UUID flowId = UUID.randomUUID();
        UUID nightly = deployment(flowId, "nightly", "");
        UUID hourly = deployment(flowId, "hourly", "");
        deployment(flowId, "never-run", "");
        UUID nightlyRun = UUID.randomUUID();
        topics.send(flowRun(ws, nightlyRun, 1, flowId, "RUNNING", nightly, List.of("prod")));
        topics.send(flowRun(ws, UUID.randomUUID(), 1, flowId, "SCHEDULED", hourly, List.of()));
        // a run of another deployment, or of none, says nothing about these
        RecordMetadata last = topics.send(flowRun(ws, UUID.randomUUID(), 1, flowId, "FAILED", null, List.of()));
        topics.awaitConsumed(GROUP, last);

        awaitNames("{\"flow_runs\":{\"state\":{\"type\":{\"any_\":[\"RUNNING\"]}}}}", Set.of("nightly"));
        awaitNames("{\"flow_runs\":{\"tags\":{\"all_\":[\"prod\"]}}}", Set.of("nightly"));
        awaitNames("{\"flow_runs\":{\"state\":{\"name\":{\"any_\":[\"Scheduled\"]}}}}", Set.of("hourly"));
        awaitNames("{\"flow_runs\":{\"id\":{\"any_\":[\"" + nightlyRun + "\"]}}}", Set.of("nightly"));
        awaitNames("{\"flow_runs\":{\"operator\":\"or_\",\"state\":{\"type\":{\"any_\":[\"SCHEDULED\"]}},"
                + "\"name\":{\"any_\":[\"run-" + nightlyRun + "\"]}}}", Set.of("nightly", "hourly"));
        awaitNames("{\"flow_runs\":{\"state\":{\"type\":{\"any_\":[\"FAILED\"]}}}}", Set.of());
        awaitNames("{\"flow_runs\":{\"parent_flow_run_id\":{\"any_\":[\"" + UUID.randomUUID() + "\"]}}}", Set.of());
        awaitNames("{\"flow_runs\":{}}", Set.of("nightly", "hourly"));
        in(ws).body("{\"flow_runs\":{}}").post("/deployments/count").then().statusCode(200).body(equalTo("2"));
    }

    @Test
    void taskRunsCriterionNeedsTheSameRunToMatchBoth() {
        UUID flowId = UUID.randomUUID();
        UUID both = deployment(flowId, "both", "");
        UUID split = deployment(flowId, "split", "");
        UUID bothRun = UUID.randomUUID();
        UUID splitFailedRun = UUID.randomUUID();
        UUID splitCompletedRun = UUID.randomUUID();
        topics.send(flowRun(ws, bothRun, 2, flowId, "FAILED", both, List.of()));
        topics.send(taskRun(ws, UUID.randomUUID(), 2, bothRun, "FAILED", List.of("db")));
        // "split": the failed run has no failed task; the failed task belongs to a completed run
        topics.send(flowRun(ws, splitFailedRun, 2, flowId, "FAILED", split, List.of()));
        topics.send(flowRun(ws, splitCompletedRun, 2, flowId, "COMPLETED", split, List.of()));
        RecordMetadata last = topics.send(taskRun(ws, UUID.randomUUID(), 2, splitCompletedRun, "FAILED", List.of("db")));
        topics.awaitConsumed(GROUP, last);

        awaitNames("{\"task_runs\":{\"state\":{\"type\":{\"any_\":[\"FAILED\"]}}}}", Set.of("both", "split"));
        awaitNames("{\"task_runs\":{\"tags\":{\"all_\":[\"db\"]}}}", Set.of("both", "split"));
        awaitNames("{\"flow_runs\":{\"state\":{\"type\":{\"any_\":[\"FAILED\"]}}},"
                + "\"task_runs\":{\"state\":{\"type\":{\"any_\":[\"FAILED\"]}}}}", Set.of("both"));
        awaitNames("{\"task_runs\":{\"subflow_runs\":{\"exists_\":true}}}", Set.of());
        awaitNames("{\"task_runs\":{\"state\":{\"type\":{\"any_\":[\"RUNNING\"]}}}}", Set.of());
    }

    @Test
    void workPoolsCriterionFollowsTheDeploymentsQueue() {
        UUID flowId = UUID.randomUUID();
        String k8sPool = in(ws).body("{\"name\":\"k8s\",\"type\":\"kubernetes\"}").post("/work_pools/").then()
                .statusCode(201).extract().path("id");
        in(ws).body("{\"name\":\"local\",\"type\":\"process\"}").post("/work_pools/").then().statusCode(201);
        deployment(flowId, "on-k8s", "\"tags\":[\"prod\"],\"work_pool_name\":\"k8s\"");
        deployment(flowId, "on-process", "\"work_pool_name\":\"local\"");
        deployment(flowId, "nowhere", "");

        assertEquals(Set.of("on-k8s"), namesMatching("{\"work_pools\":{\"name\":{\"any_\":[\"k8s\"]}}}"));
        assertEquals(Set.of("on-process"), namesMatching("{\"work_pools\":{\"type\":{\"any_\":[\"process\"]}}}"));
        assertEquals(Set.of("on-k8s"), namesMatching("{\"work_pools\":{\"id\":{\"any_\":[\"" + k8sPool + "\"]}}}"));
        // a deployment without a queue never matches, even an empty criterion
        assertEquals(Set.of("on-k8s", "on-process"), namesMatching("{\"work_pools\":{}}"));
        // the same deployment must be tagged prod and sit in the process pool: none does
        assertEquals(Set.of(), namesMatching("{\"deployments\":{\"tags\":{\"all_\":[\"prod\"]}},"
                + "\"work_pools\":{\"type\":{\"any_\":[\"process\"]}}}"));
        in(ws).body("{\"work_pools\":{\"type\":{\"any_\":[\"kubernetes\",\"process\"]}}}").post("/deployments/count")
                .then().statusCode(200).body(equalTo("2"));
    }

    @Test
    void workPoolQueuesCriterionAndItsPoolAreAboutTheSameQueue() {
        UUID flowId = UUID.randomUUID();
        in(ws).body("{\"name\":\"k8s\",\"type\":\"kubernetes\"}").post("/work_pools/").then().statusCode(201);
        in(ws).body("{\"name\":\"local\",\"type\":\"process\"}").post("/work_pools/").then().statusCode(201);
        in(ws).body("{\"name\":\"high\"}").post("/work_pools/k8s/queues").then().statusCode(201);
        in(ws).body("{\"name\":\"high\"}").post("/work_pools/local/queues").then().statusCode(201);
        deployment(flowId, "k8s-high", "\"work_pool_name\":\"k8s\",\"work_queue_name\":\"high\"");
        deployment(flowId, "k8s-default", "\"work_pool_name\":\"k8s\"");
        deployment(flowId, "local-high", "\"work_pool_name\":\"local\",\"work_queue_name\":\"high\"");
        deployment(flowId, "legacy", "\"work_queue_name\":\"nightly\"");
        String legacyQueue = in(ws).get("/work_pools/default-agent-pool/queues/nightly").then().statusCode(200)
                .extract().path("id");

        assertEquals(Set.of("k8s-high", "local-high"), namesMatching("{\"work_pool_queues\":{\"name\":{\"any_\":[\"high\"]}}}"));
        assertEquals(Set.of("k8s-high"), namesMatching("{\"work_pool_queues\":{\"name\":{\"any_\":[\"high\"]}},"
                + "\"work_pools\":{\"name\":{\"any_\":[\"k8s\"]}}}"));
        assertEquals(Set.of("legacy"), namesMatching("{\"work_pool_queues\":{\"id\":{\"any_\":[\"" + legacyQueue + "\"]}}}"));
        assertEquals(Set.of("k8s-default"), namesMatching("{\"work_pool_queues\":{\"name\":{\"any_\":[\"default\"]}}}"));
        assertEquals(Set.of(), namesMatching("{\"work_pool_queues\":{\"name\":{\"any_\":[\"nightly\"]}},"
                + "\"work_pools\":{\"type\":{\"any_\":[\"kubernetes\"]}}}"));
    }

    @Test
    void olderSnapshotAfterANewerOneChangesNothing() {
        UUID flowId = UUID.randomUUID();
        UUID ordered = deployment(flowId, "ordered", "");
        UUID run = UUID.randomUUID();
        topics.send(flowRun(ws, run, 5, flowId, "FAILED", ordered, List.of()));
        topics.send(flow(ws, flowId, 3, flowId.toString(), List.of("new")));
        topics.send(flowRun(ws, run, 4, flowId, "COMPLETED", ordered, List.of()));
        RecordMetadata older = topics.send(flow(ws, flowId, 2, flowId.toString(), List.of("old")));
        topics.awaitConsumed(GROUP, older);

        assertEquals(List.of("5", "FAILED", "false"), projectedRun(run));
        assertEquals(Set.of("ordered"), namesMatching("{\"flow_runs\":{\"state\":{\"type\":{\"any_\":[\"FAILED\"]}}}}"));
        assertEquals(Set.of(), namesMatching("{\"flow_runs\":{\"state\":{\"type\":{\"any_\":[\"COMPLETED\"]}}}}"));
        assertEquals(Set.of("ordered"), namesMatching("{\"flows\":{\"tags\":{\"all_\":[\"new\"]}}}"));
        assertEquals(Set.of(), namesMatching("{\"flows\":{\"tags\":{\"all_\":[\"old\"]}}}"));
    }

    @Test
    void tombstoneThenLateUpdateStaysDeleted() {
        UUID flowId = UUID.randomUUID();
        UUID d = deployment(flowId, "deleted-run", "");
        UUID run = UUID.randomUUID();
        topics.send(flowRun(ws, run, 1, flowId, "RUNNING", d, List.of()));
        topics.send(tombstone("flow-runs", ws, run, 3));
        RecordMetadata late = topics.send(flowRun(ws, run, 2, flowId, "FAILED", d, List.of()));
        topics.awaitConsumed(GROUP, late);

        assertEquals(List.of("3", "null", "true"), projectedRun(run));
        assertEquals(Set.of(), namesMatching("{\"flow_runs\":{}}"));
    }

    @Test
    void freshGroupRebuildsTheProjectionsAndReplayingAgainChangesNothing() {
        UUID flowId = UUID.randomUUID();
        UUID d = deployment(flowId, "replayed", "");
        UUID run = UUID.randomUUID();
        topics.send(flow(ws, flowId, 1, flowId.toString(), List.of("database")));
        topics.send(flowRun(ws, run, 1, flowId, "RUNNING", d, List.of()));
        topics.send(flowRun(ws, run, 2, flowId, "FAILED", d, List.of()));
        topics.send(taskRun(ws, UUID.randomUUID(), 1, run, "FAILED", List.of()));
        UUID gone = UUID.randomUUID();
        topics.send(flowRun(ws, gone, 1, flowId, "COMPLETED", d, List.of()));
        topics.send(tombstone("flow-runs", ws, gone, 2));
        List<String> topicNames = projections.tables().stream().map(t -> t.topic()).toList();
        assertEquals(Set.of("flows", "flow-runs", "task-runs"), Set.copyOf(topicNames));
        topics.awaitCaughtUp(GROUP, topicNames);
        String example = "{\"flows\":{\"tags\":{\"all_\":[\"database\"]}},"
                + "\"flow_runs\":{\"state\":{\"type\":{\"any_\":[\"FAILED\"]}}},\"task_runs\":{}}";
        awaitNames(example, Set.of("replayed"));
        List<String> before = dump();

        pool.query("TRUNCATE flow_projection, flow_run_projection, task_run_projection").execute().await()
                .atMost(Duration.ofSeconds(30));
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
        List<String> lines = pool.query("""
                SELECT 'f' || r::text AS line FROM flow_projection r
                UNION ALL SELECT 'fr' || r::text FROM flow_run_projection r
                UNION ALL SELECT 'tr' || r::text FROM task_run_projection r
                ORDER BY 1""").execute().await().atMost(Duration.ofSeconds(30)).stream()
                .map(row -> row.getString("line")).toList();
        assertTrue(lines.size() >= 4);
        return lines;
    }
}
