package dev.praetor.runs.projections;

import static dev.praetor.testsupport.topics.Snapshots.deployment;
import static dev.praetor.testsupport.topics.Snapshots.flow;
import static dev.praetor.testsupport.topics.Snapshots.tombstone;
import static dev.praetor.testsupport.topics.Snapshots.workQueue;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.praetor.events.Projections;
import dev.praetor.rest.tenancy.Workspace;
import dev.praetor.runs.RunsTestProfile;
import dev.praetor.runs.flowruns.FlowRunCreate;
import dev.praetor.testsupport.Eventually;
import dev.praetor.testsupport.topics.SnapshotTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /flow_runs/*} and {@code /task_runs/*} with related-object criteria about other services' objects (flows,
 * deployments, work queues and their pools), answered from the projections that runs-service feeds from the owners'
 * snapshot topics, and about its own (task runs, flow runs). The owners are not running here: the test publishes
 * their snapshots itself, in their wire format, and reads our answers over HTTP.
 */
@QuarkusTest
@TestProfile(RunsTestProfile.class)
class RunRelatedFiltersTest {
    static final String GROUP = "runs-service-projections";
    private static final String PENDING = "{\"type\":\"PENDING\",\"name\":\"Pending\"}";
    private static SnapshotTopics topics;

    private final UUID ws = UUID.randomUUID();

    @Inject
    Projections projections;

    @Inject
    Pool pool;

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

    /** A flow run; with a queue, as deployments-service creates a deployment's run (queue and pool resolved). */
    private String flowRun(UUID flowId, UUID deploymentId, UUID queueId, UUID poolId, String poolName, String... tags) {
        StringBuilder body = new StringBuilder("{\"flow_id\":\"" + flowId + "\",\"tags\":" + json(List.of(tags))
                + ",\"state\":" + PENDING);
        if (deploymentId != null) {
            body.append(",\"deployment_id\":\"").append(deploymentId).append('"');
        }
        RequestSpecification request = in();
        if (queueId != null) {
            body.append(",\"work_queue_id\":\"").append(queueId).append("\",\"work_queue_name\":\"q\",\"work_pool_id\":\"")
                    .append(poolId).append("\",\"work_pool_name\":\"").append(poolName).append('"');
            request = request.header(FlowRunCreate.INTERNAL_CALLER, "deployments-service");
        }
        return request.body(body.append('}').toString()).post("/flow_runs/").then().statusCode(201).extract().path("id");
    }

    private String taskRun(String flowRunId, String key, String... tags) {
        String body = "{\"flow_run_id\":" + (flowRunId == null ? "null" : "\"" + flowRunId + "\"") + ",\"task_key\":\""
                + key + "\",\"dynamic_key\":\"0\",\"tags\":" + json(List.of(tags)) + ",\"state\":" + PENDING + "}";
        return in().body(body).post("/task_runs/").then().statusCode(201).extract().path("id");
    }

    private Set<String> ids(String path, String body) {
        return Set.copyOf(in().body(body).post(path).then().statusCode(200).extract().jsonPath().getList("id", String.class));
    }

    /** Polls (with a deadline) until the filter answers {@code expected}: projections are eventually consistent. */
    private void awaitIds(String path, String body, Set<String> expected) {
        Eventually.awaitEquals(expected, () -> ids(path, body), path + " " + body);
    }

    private void awaitFlowRuns(String body, String... expected) {
        awaitIds("/flow_runs/filter", body, Set.of(expected));
    }

    private void awaitTaskRuns(String body, String... expected) {
        awaitIds("/task_runs/filter", body, Set.of(expected));
    }

    private void send(List<RecordMetadata> sent, dev.praetor.events.SnapshotRecord record) {
        sent.add(topics.send(record));
    }

    /** Total runs counted by a history body (every interval, every state). */
    private int historyTotal(String path, String filters) {
        String body = "{\"history_start\":\"2000-01-01T00:00:00Z\",\"history_end\":\"2100-01-01T00:00:00Z\","
                + "\"history_interval_seconds\":315576000" + (filters.isEmpty() ? "" : "," + filters) + "}";
        JsonPath history = in().body(body).post(path).then().statusCode(200).extract().jsonPath();
        int total = 0;
        for (int i = 0; i < history.getList("$").size(); i++) {
            for (Object count : history.getList("[" + i + "].states.count_runs")) {
                total += ((Number) count).intValue();
            }
        }
        return total;
    }

    // ---- /flow_runs ----

    @Test
    void flowRunsByTheirFlow() {
        UUID etl = UUID.randomUUID();
        UUID files = UUID.randomUUID();
        List<RecordMetadata> sent = new ArrayList<>();
        send(sent, flow(ws, etl, 1, "etl", List.of("database")));
        send(sent, flow(ws, files, 1, "files", List.of()));
        send(sent, deployment(ws, UUID.randomUUID(), 1, etl, "etl", "nightly", false, List.of(), null, null, null));
        String etlRun = flowRun(etl, null, null, null, null);
        String filesRun = flowRun(files, null, null, null, null);
        String unknownFlowRun = flowRun(UUID.randomUUID(), null, null, null, null);
        topics.awaitConsumed(GROUP, sent.toArray(RecordMetadata[]::new));

        String tagged = "{\"flows\":{\"tags\":{\"all_\":[\"database\"]}}}";
        awaitFlowRuns(tagged, etlRun);
        awaitFlowRuns("{\"flows\":{\"name\":{\"any_\":[\"files\"]}}}", filesRun);
        awaitFlowRuns("{\"flows\":{\"name\":{\"like_\":\"ET\"}}}", etlRun);
        awaitFlowRuns("{\"flows\":{\"deployment\":{\"is_null_\":false}}}", etlRun);
        awaitFlowRuns("{\"flows\":{\"deployment\":{\"is_null_\":true}}}", filesRun);
        awaitFlowRuns("{\"flows\":{\"operator\":\"or_\",\"name\":{\"any_\":[\"files\"]},\"tags\":{\"all_\":[\"database\"]}}}",
                etlRun, filesRun);
        // the id alone is the run's own flow_id: known without the projection
        awaitFlowRuns("{\"flows\":{\"id\":{\"any_\":[\"" + files + "\"]},\"tags\":{\"is_null_\":true}}}", filesRun);
        awaitFlowRuns("{\"flows\":{\"id\":{\"any_\":[\"" + etl + "\",\"" + files + "\"]}},"
                + "\"flow_runs\":{\"id\":{\"not_any_\":[\"" + etlRun + "\"]}}}", filesRun);
        awaitFlowRuns("{\"flows\":{\"name\":{\"any_\":[\"nope\"]}}}");
        assertEquals(Set.of(etlRun, filesRun, unknownFlowRun), ids("/flow_runs/filter", "{}"));

        in().body(tagged).post("/flow_runs/count").then().statusCode(200).body(equalTo("1"));
        in().body(tagged).post("/flow_runs/paginate").then().statusCode(200).body("count", equalTo(1))
                .body("results[0].id", equalTo(etlRun));
        in().body(tagged).post("/flow_runs/lateness").then().statusCode(200);
        assertEquals(1, historyTotal("/flow_runs/history", "\"flows\":{\"tags\":{\"all_\":[\"database\"]}}"));
        assertEquals(3, historyTotal("/flow_runs/history", ""));
        // another workspace's flow of the same name selects nothing here
        given().contentType("application/json").header(Workspace.HEADER, UUID.randomUUID().toString())
                .body("{\"flows\":{\"name\":{\"any_\":[\"etl\"]}}}").post("/flow_runs/filter").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void flowRunsByTheirDeployment() {
        UUID flowId = UUID.randomUUID();
        UUID nightly = UUID.randomUUID();
        UUID weekly = UUID.randomUUID();
        List<RecordMetadata> sent = new ArrayList<>();
        send(sent, deployment(ws, nightly, 1, flowId, "etl", "nightly", false, List.of("prod"), null, "default", null));
        send(sent, deployment(ws, weekly, 1, flowId, "etl", "weekly", true, List.of(), null, "other", null));
        String nightlyRun = flowRun(flowId, nightly, null, null, null);
        String weeklyRun = flowRun(flowId, weekly, null, null, null);
        String adhoc = flowRun(flowId, null, null, null, null);
        topics.awaitConsumed(GROUP, sent.toArray(RecordMetadata[]::new));

        awaitFlowRuns("{\"deployments\":{\"name\":{\"any_\":[\"nightly\"]}}}", nightlyRun);
        awaitFlowRuns("{\"deployments\":{\"tags\":{\"all_\":[\"prod\"]}}}", nightlyRun);
        awaitFlowRuns("{\"deployments\":{\"paused\":{\"eq_\":true}}}", weeklyRun);
        awaitFlowRuns("{\"deployments\":{\"flow_or_deployment_name\":{\"like_\":\"ETL\"}}}", nightlyRun, weeklyRun);
        awaitFlowRuns("{\"deployments\":{\"work_queue_name\":{\"any_\":[\"other\"]}}}", weeklyRun);
        awaitFlowRuns("{\"deployments\":{}}", nightlyRun, weeklyRun);
        // ids: the run's own deployment_id
        awaitFlowRuns("{\"deployments\":{\"id\":{\"not_any_\":[\"" + nightly + "\"]}}}", weeklyRun);
        // deprecated concurrency_limit: accepted and ignored, but still about the run's deployment
        awaitFlowRuns("{\"deployments\":{\"concurrency_limit\":{\"ge_\":1}}}", nightlyRun, weeklyRun);
        assertEquals(Set.of(nightlyRun, weeklyRun, adhoc), ids("/flow_runs/filter", "{}"));
        in().body("{\"deployments\":{\"name\":{\"any_\":[\"weekly\"]}}}").post("/flow_runs/count").then().statusCode(200)
                .body(equalTo("1"));
        assertEquals(1, historyTotal("/flow_runs/history", "\"deployments\":{\"paused\":{\"eq_\":false}}"));
    }

    @Test
    void flowRunsByTheirQueuesPool() {
        UUID flowId = UUID.randomUUID();
        UUID k8sQueue = UUID.randomUUID();
        UUID localQueue = UUID.randomUUID();
        UUID k8sPool = UUID.randomUUID();
        UUID localPool = UUID.randomUUID();
        List<RecordMetadata> sent = new ArrayList<>();
        send(sent, workQueue(ws, k8sQueue, 1, "critical", k8sPool, "k8s", "kubernetes"));
        send(sent, workQueue(ws, localQueue, 1, "default", localPool, "local", "process"));
        String onK8s = flowRun(flowId, null, k8sQueue, k8sPool, "k8s");
        String onLocal = flowRun(flowId, null, localQueue, localPool, "local");
        String unqueued = flowRun(flowId, null, null, null, null);
        topics.awaitConsumed(GROUP, sent.toArray(RecordMetadata[]::new));

        awaitFlowRuns("{\"work_pools\":{\"type\":{\"any_\":[\"process\"]}}}", onLocal);
        awaitFlowRuns("{\"work_pools\":{\"type\":{\"any_\":[\"kubernetes\"]},\"name\":{\"any_\":[\"k8s\"]}}}", onK8s);
        awaitFlowRuns("{\"work_pools\":{\"type\":{\"any_\":[\"kubernetes\"]},\"name\":{\"any_\":[\"local\"]}}}");
        // the pool's name is the run's own column; its id comes with the projected queue
        awaitFlowRuns("{\"work_pools\":{\"name\":{\"any_\":[\"k8s\"]}}}", onK8s);
        awaitFlowRuns("{\"work_pools\":{\"id\":{\"any_\":[\"" + localPool + "\"]}}}", onLocal);
        awaitFlowRuns("{\"work_pools\":{\"operator\":\"or_\",\"id\":{\"any_\":[\"" + localPool + "\"]},"
                + "\"name\":{\"any_\":[\"k8s\"]}}}", onK8s, onLocal);
        awaitFlowRuns("{\"work_pools\":{}}", onK8s, onLocal);
        assertEquals(Set.of(onK8s, onLocal, unqueued), ids("/flow_runs/filter", "{}"));
        in().body("{\"work_pools\":{\"type\":{\"any_\":[\"process\"]}}}").post("/flow_runs/count").then().statusCode(200)
                .body(equalTo("1"));
        assertEquals(1, historyTotal("/flow_runs/history", "\"work_pools\":{\"type\":{\"any_\":[\"kubernetes\"]}}"));
    }

    @Test
    void flowRunsByTheirWorkQueue() {
        UUID flowId = UUID.randomUUID();
        UUID critical = UUID.randomUUID();
        UUID standard = UUID.randomUUID();
        UUID pool = UUID.randomUUID();
        List<RecordMetadata> sent = new ArrayList<>();
        send(sent, workQueue(ws, critical, 1, "critical", pool, "local", "process"));
        send(sent, workQueue(ws, standard, 1, "default", pool, "local", "process"));
        String onCritical = flowRun(flowId, null, critical, pool, "local");
        String onDefault = flowRun(flowId, null, standard, pool, "local");
        flowRun(flowId, null, null, null, null);
        topics.awaitConsumed(GROUP, sent.toArray(RecordMetadata[]::new));

        awaitFlowRuns("{\"work_pool_queues\":{\"name\":{\"any_\":[\"critical\"]}}}", onCritical);
        awaitFlowRuns("{\"work_pool_queues\":{\"name\":{\"startswith_\":[\"DEF\",\"nope\"]}}}", onDefault);
        awaitFlowRuns("{\"work_pool_queues\":{\"id\":{\"any_\":[\"" + critical + "\"]},\"name\":{\"any_\":[\"default\"]}}}");
        awaitFlowRuns("{\"work_pool_queues\":{\"id\":{\"any_\":[\"" + standard + "\"]}}}", onDefault);
        // the history route names the key work_queues
        assertEquals(1, historyTotal("/flow_runs/history", "\"work_queues\":{\"name\":{\"any_\":[\"critical\"]}}"));

        // a renamed queue: the name is the queue's, not the one the run was created with
        RecordMetadata renamed = topics.send(workQueue(ws, critical, 2, "urgent", pool, "local", "process"));
        topics.awaitConsumed(GROUP, renamed);
        awaitFlowRuns("{\"work_pool_queues\":{\"name\":{\"any_\":[\"urgent\"]}}}", onCritical);
        awaitFlowRuns("{\"work_pool_queues\":{\"name\":{\"any_\":[\"critical\"]}}}");
    }

    @Test
    void flowRunsByTheirTaskRuns() {
        UUID flowId = UUID.randomUUID();
        String withDb = flowRun(flowId, null, null, null, null);
        String withOther = flowRun(flowId, null, null, null, null);
        flowRun(flowId, null, null, null, null);
        taskRun(withDb, "load", "db");
        taskRun(withOther, "extract", "other");

        awaitFlowRuns("{\"task_runs\":{\"tags\":{\"all_\":[\"db\"]}}}", withDb);
        awaitFlowRuns("{\"task_runs\":{}}", withDb, withOther);
        awaitFlowRuns("{\"task_runs\":{\"tags\":{\"all_\":[\"db\"]}},\"flow_runs\":{\"id\":{\"any_\":[\"" + withOther + "\"]}}}");
        in().body("{\"task_runs\":{\"tags\":{\"all_\":[\"other\"]}}}").post("/flow_runs/count").then().statusCode(200)
                .body(equalTo("1"));
        assertEquals(2, historyTotal("/flow_runs/history", "\"task_runs\":{}"));
    }

    // ---- /task_runs ----

    @Test
    void taskRunsByTheirFlowRunsFlow() {
        UUID etl = UUID.randomUUID();
        UUID files = UUID.randomUUID();
        List<RecordMetadata> sent = new ArrayList<>();
        send(sent, flow(ws, etl, 1, "etl", List.of("database")));
        send(sent, flow(ws, files, 1, "files", List.of()));
        String etlTask = taskRun(flowRun(etl, null, null, null, null), "a");
        String filesTask = taskRun(flowRun(files, null, null, null, null), "b");
        String autonomous = taskRun(null, "c");
        topics.awaitConsumed(GROUP, sent.toArray(RecordMetadata[]::new));

        awaitTaskRuns("{\"flows\":{\"name\":{\"any_\":[\"etl\"]}}}", etlTask);
        awaitTaskRuns("{\"flows\":{\"tags\":{\"is_null_\":true}}}", filesTask);
        awaitTaskRuns("{\"flows\":{\"deployment\":{\"is_null_\":true}}}", etlTask, filesTask);
        // the id alone is the flow run's own flow_id
        awaitTaskRuns("{\"flows\":{\"id\":{\"any_\":[\"" + files + "\"]}}}", filesTask);
        awaitTaskRuns("{\"flows\":{\"id\":{\"not_any_\":[\"" + files + "\"]}}}", etlTask);
        awaitTaskRuns("{\"flows\":{\"id\":{\"any_\":[]}}}");
        assertEquals(Set.of(etlTask, filesTask, autonomous), ids("/task_runs/filter", "{}"));
        in().body("{\"flows\":{\"tags\":{\"all_\":[\"database\"]}}}").post("/task_runs/count").then().statusCode(200)
                .body(equalTo("1"));
        assertEquals(1, historyTotal("/task_runs/history", "\"flows\":{\"tags\":{\"all_\":[\"database\"]}}"));
    }

    @Test
    void taskRunsByTheirFlowRun() {
        UUID flowId = UUID.randomUUID();
        String nightlyRun = flowRun(flowId, null, null, null, null, "nightly");
        String inNightly = taskRun(nightlyRun, "a");
        String inOther = taskRun(flowRun(flowId, null, null, null, null), "b");
        taskRun(null, "c");

        awaitTaskRuns("{\"flow_runs\":{\"tags\":{\"all_\":[\"nightly\"]}}}", inNightly);
        awaitTaskRuns("{\"flow_runs\":{}}", inNightly, inOther);
        awaitTaskRuns("{\"flow_runs\":{\"id\":{\"not_any_\":[\"" + nightlyRun + "\"]}}}", inOther);
        in().body("{\"flow_runs\":{\"tags\":{\"all_\":[\"nightly\"]}}}").post("/task_runs/count").then().statusCode(200)
                .body(equalTo("1"));
        assertEquals(2, historyTotal("/task_runs/history", "\"flow_runs\":{}"));
    }

    @Test
    void taskRunsByTheirFlowRunsDeployment() {
        UUID etl = UUID.randomUUID();
        UUID files = UUID.randomUUID();
        UUID nightly = UUID.randomUUID();
        UUID weekly = UUID.randomUUID();
        List<RecordMetadata> sent = new ArrayList<>();
        send(sent, flow(ws, etl, 1, "etl", List.of()));
        send(sent, flow(ws, files, 1, "files", List.of()));
        send(sent, deployment(ws, nightly, 1, etl, "etl", "nightly", false, List.of("prod"), null, null, null));
        send(sent, deployment(ws, weekly, 1, files, "files", "weekly", false, List.of(), null, null, null));
        String nightlyTask = taskRun(flowRun(etl, nightly, null, null, null), "a");
        String weeklyTask = taskRun(flowRun(files, weekly, null, null, null), "b");
        taskRun(flowRun(etl, null, null, null, null), "c");
        topics.awaitConsumed(GROUP, sent.toArray(RecordMetadata[]::new));

        awaitTaskRuns("{\"deployments\":{\"name\":{\"any_\":[\"nightly\"]}}}", nightlyTask);
        awaitTaskRuns("{\"deployments\":{\"tags\":{\"all_\":[\"prod\"]}}}", nightlyTask);
        awaitTaskRuns("{\"deployments\":{\"id\":{\"any_\":[\"" + weekly + "\"]}}}", weeklyTask);
        awaitTaskRuns("{\"deployments\":{}}", nightlyTask, weeklyTask);
        // the same flow run's flow and deployment: etl's runs are never of the weekly deployment
        awaitTaskRuns("{\"flows\":{\"name\":{\"any_\":[\"etl\"]}},\"deployments\":{\"name\":{\"any_\":[\"weekly\"]}}}");
        awaitTaskRuns("{\"flows\":{\"name\":{\"any_\":[\"files\"]}},\"deployments\":{\"name\":{\"any_\":[\"weekly\"]}},"
                + "\"flow_runs\":{}}", weeklyTask);
        awaitTaskRuns("{\"flows\":{\"id\":{\"any_\":[\"" + etl + "\"]}},\"deployments\":{\"id\":{\"any_\":[\"" + nightly
                + "\"]}}}", nightlyTask);
        in().body("{\"deployments\":{\"name\":{\"any_\":[\"weekly\"]}}}").post("/task_runs/count").then().statusCode(200)
                .body(equalTo("1"));
    }

    // ---- order tolerance ----

    @Test
    void olderSnapshotsAndLateUpdatesAfterADeleteChangeNothing() {
        UUID flowId = UUID.randomUUID();
        UUID deploymentId = UUID.randomUUID();
        List<RecordMetadata> sent = new ArrayList<>();
        send(sent, flow(ws, flowId, 5, "current", List.of()));
        send(sent, flow(ws, flowId, 4, "stale", List.of()));
        send(sent, deployment(ws, deploymentId, 1, flowId, "current", "d", false, List.of(), null, null, null));
        send(sent, tombstone("deployments", ws, deploymentId, 3));
        send(sent, deployment(ws, deploymentId, 2, flowId, "current", "d", false, List.of(), null, null, null));
        String run = flowRun(flowId, deploymentId, null, null, null);
        String task = taskRun(run, "t");
        topics.awaitConsumed(GROUP, sent.toArray(RecordMetadata[]::new));

        awaitFlowRuns("{\"flows\":{\"name\":{\"any_\":[\"current\"]}}}", run);
        assertEquals(Set.of(), ids("/flow_runs/filter", "{\"flows\":{\"name\":{\"any_\":[\"stale\"]}}}"));
        assertEquals(Set.of(), ids("/flow_runs/filter", "{\"deployments\":{\"name\":{\"any_\":[\"d\"]}}}"));
        assertEquals(Set.of(), ids("/flow_runs/filter", "{\"flows\":{\"deployment\":{\"is_null_\":false}}}"));
        assertEquals(Set.of(run), ids("/flow_runs/filter", "{\"flows\":{\"deployment\":{\"is_null_\":true}}}"));
        assertEquals(Set.of(task), ids("/task_runs/filter", "{\"flows\":{\"name\":{\"like_\":\"cur\"}}}"));

        // a flow deleted: its runs no longer match criteria about it
        RecordMetadata gone = topics.send(tombstone("flows", ws, flowId, 6));
        topics.awaitConsumed(GROUP, gone);
        awaitFlowRuns("{\"flows\":{\"name\":{\"any_\":[\"current\"]}}}");
        awaitTaskRuns("{\"flows\":{\"name\":{\"like_\":\"cur\"}}}");
    }

    @Test
    void freshGroupRebuildsTheProjectionsAndReplayingAgainChangesNothing() {
        UUID flowId = UUID.randomUUID();
        UUID deploymentId = UUID.randomUUID();
        UUID queue = UUID.randomUUID();
        UUID poolId = UUID.randomUUID();
        topics.send(flow(ws, flowId, 1, "replayed", List.of("database")));
        topics.send(flow(ws, flowId, 2, "replayed", List.of("database", "v2")));
        topics.send(workQueue(ws, queue, 1, "critical", poolId, "local", "process"));
        topics.send(deployment(ws, deploymentId, 1, flowId, "replayed", "d", false, List.of(), queue, "critical", "local"));
        UUID gone = UUID.randomUUID();
        topics.send(deployment(ws, gone, 1, flowId, "replayed", "gone", false, List.of(), null, null, null));
        topics.send(tombstone("deployments", ws, gone, 2));
        String run = flowRun(flowId, deploymentId, queue, poolId, "local");
        List<String> topicNames = projections.tables().stream().map(t -> t.topic()).toList();
        topics.awaitCaughtUp(GROUP, topicNames);
        String all = "{\"flows\":{\"tags\":{\"all_\":[\"v2\"]}},\"deployments\":{\"name\":{\"any_\":[\"d\"]}},"
                + "\"work_pools\":{\"type\":{\"any_\":[\"process\"]}},\"work_pool_queues\":{\"name\":{\"any_\":[\"critical\"]}}}";
        awaitFlowRuns(all, run);
        List<String> before = dump();

        pool.query("TRUNCATE flow_projection, deployment_projection, work_queue_projection").execute().await()
                .atMost(Duration.ofSeconds(30));
        assertEquals(Set.of(), ids("/flow_runs/filter", all));
        String rebuild = "rebuild-" + UUID.randomUUID();
        projections.replay(rebuild);
        topics.awaitCaughtUp(rebuild, topicNames);
        assertEquals(before, dump(), "a fresh consumer group rebuilds the same rows");
        assertEquals(Set.of(run), ids("/flow_runs/filter", all));

        String again = "replay-" + UUID.randomUUID();
        projections.replay(again);
        topics.awaitCaughtUp(again, topicNames);
        assertEquals(before, dump(), "replaying once more changes nothing");
    }

    /** Every projected row, of every workspace, as text. */
    private List<String> dump() {
        List<String> lines = pool.query("""
                SELECT 'f' || r::text AS line FROM flow_projection r
                UNION ALL SELECT 'd' || r::text FROM deployment_projection r
                UNION ALL SELECT 'wq' || r::text FROM work_queue_projection r
                ORDER BY 1""").execute().await().atMost(Duration.ofSeconds(30)).stream()
                .map(row -> row.getString("line")).toList();
        assertTrue(lines.size() >= 4);
        return lines;
    }

    private static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"));
    }
}
