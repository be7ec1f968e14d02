package dev.praetor.artifacts.projections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.events.ProjectionTable;
import dev.praetor.events.Projections;
import dev.praetor.rest.tenancy.Workspace;
import dev.praetor.testsupport.SharedInfra;
import dev.praetor.testsupport.topics.SnapshotTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 6: Kafka dies during a burst of 1,000 flow-run state changes and comes back; artifacts-service's flow-run
 * projection converges to what runs-service (the real one, {@link KafkaOutageTestProfile}) holds, and replaying the
 * topics changes nothing.
 *
 * <p>200 runs in one workspace take 1,000 forced state changes from {@value #THREADS} threads (each run's changes in
 * order on one thread), in three phases: 300 while Kafka is up, 400 while it is down (runs-service keeps answering:
 * its outbox holds the facts), 300 after it is back. The schedule is chosen so that the final state of runs 0-99 is
 * set during the outage and differs from the state they had when Kafka went away: a projection that missed the
 * outage's facts cannot match the owner.
 */
@QuarkusTest
@TestProfile(KafkaOutageTestProfile.class)
class KafkaOutageConvergenceTest {
    private static final int RUNS = 200;
    private static final int THREADS = 4;
    private static final Duration CONVERGENCE_DEADLINE = Duration.ofSeconds(120);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SQL_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final UUID ws = UUID.randomUUID();

    @Inject
    Pool pool;

    @Inject
    Projections projections;

    @ConfigProperty(name = KafkaOutageTestProfile.RUNS_URL)
    String runsUrl;

    /** One forced state change of run {@code run} (an index into the created runs). */
    private record Change(int run, String type) {
    }

    /** Above the build's 180 s default: a slow Kafka restart plus the convergence deadline must end in an assertion. */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void projectionConvergesAfterKafkaOutageAndReplayChangesNothing() throws Exception {
        UUID flowId = UUID.randomUUID();
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            runs.add(call("POST", "/flow_runs/", "{\"flow_id\":\"" + flowId + "\",\"name\":\"outage-" + i
                    + "\",\"state\":{\"type\":\"PENDING\"}}").get("id").asText());
        }

        // phase A, Kafka up (300): every run RUNNING, runs 0-99 COMPLETED
        List<Change> before = new ArrayList<>();
        addAll(before, 0, RUNS, "RUNNING");
        addAll(before, 0, 100, "COMPLETED");
        // phase B, Kafka down (400): runs 100-199 COMPLETED, every run FAILED, runs 0-99 CANCELLED (their last change)
        List<Change> during = new ArrayList<>();
        addAll(during, 100, RUNS, "COMPLETED");
        addAll(during, 0, RUNS, "FAILED");
        addAll(during, 0, 100, "CANCELLED");
        // phase C, Kafka back (300): runs 100-199 RUNNING, CRASHED, COMPLETED
        List<Change> after = new ArrayList<>();
        addAll(after, 100, RUNS, "RUNNING");
        addAll(after, 100, RUNS, "CRASHED");
        addAll(after, 100, RUNS, "COMPLETED");
        assertEquals(1000, before.size() + during.size() + after.size());

        AtomicInteger accepted = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(THREADS);
        try {
            burst(senders, runs, before, accepted);
            SharedInfra.get().stopKafka();
            try {
                burst(senders, runs, during, accepted);
            } finally {
                SharedInfra.get().startKafka();
            }
            burst(senders, runs, after, accepted);
        } finally {
            senders.shutdownNow();
        }
        assertEquals(1000, accepted.get(), "runs-service accepted every forced change, Kafka or not");

        Map<String, String> truth = truth();
        assertEquals(RUNS, truth.size());
        for (int i = 0; i < RUNS; i++) {
            assertEquals(i < 100 ? "CANCELLED/Cancelled" : "COMPLETED/Completed", truth.get(runs.get(i)),
                    "runs-service's state of run " + i);
        }

        long deadline = System.nanoTime() + CONVERGENCE_DEADLINE.toNanos();
        Map<String, String> projected = projected();
        while (!projected.equals(truth) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            projected = projected();
        }
        assertEquals(truth.size(), projected.size(), "projected run count");
        assertEquals(List.of(), differences(truth, projected),
                "the flow-run projection converges to runs-service's runs and states");
        assertEquals(truth, truth(), "runs-service's runs did not change meanwhile");

        // Replays: over the current table (nothing changes), over the workspace's emptied rows (the same rows come
        // back), and once more (nothing changes).
        List<String> topics = projections.tables().stream().map(ProjectionTable::topic).toList();
        try (SnapshotTopics kafka = new SnapshotTopics()) {
            kafka.awaitCaughtUp(KafkaOutageTestProfile.GROUP, topics);
            List<String> rows = dump();
            assertEquals(RUNS, rows.size());

            replay(kafka, topics);
            assertEquals(rows, dump(), "replaying the topics over the projection changes nothing");

            pool.preparedQuery("DELETE FROM flow_run_projection WHERE workspace_id = $1").execute(Tuple.of(ws))
                    .await().atMost(SQL_TIMEOUT);
            assertEquals(List.of(), dump());
            replay(kafka, topics);
            assertEquals(rows, dump(), "a fresh consumer group rebuilds the same rows");

            replay(kafka, topics);
            assertEquals(rows, dump(), "replaying once more changes nothing");
        }
        assertEquals(truth, projected());
    }

    /** The runs whose projected state differs from the owner's: {@code id: owner's != projected}. */
    private static List<String> differences(Map<String, String> truth, Map<String, String> projected) {
        List<String> differences = new ArrayList<>();
        truth.forEach((id, state) -> {
            if (!state.equals(projected.get(id))) {
                differences.add(id + ": " + state + " != " + projected.get(id));
            }
        });
        projected.keySet().stream().filter(id -> !truth.containsKey(id))
                .forEach(id -> differences.add(id + ": not a run of runs-service != " + projected.get(id)));
        return differences;
    }

    private static void addAll(List<Change> changes, int from, int to, String type) {
        for (int run = from; run < to; run++) {
            changes.add(new Change(run, type));
        }
    }

    /** Sends the changes from {@value #THREADS} threads, each run's changes in order on one of them; waits for all. */
    private void burst(ExecutorService senders, List<String> runs, List<Change> changes, AtomicInteger accepted)
            throws InterruptedException {
        List<Future<?>> sent = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            int mine = thread;
            List<Change> share = changes.stream().filter(change -> change.run() % THREADS == mine).toList();
            sent.add(senders.submit(() -> {
                for (Change change : share) {
                    JsonNode result = call("POST", "/flow_runs/" + runs.get(change.run()) + "/set_state",
                            "{\"state\":{\"type\":\"" + change.type() + "\"},\"force\":true}");
                    if ("ACCEPT".equals(result.path("status").asText())) {
                        accepted.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : sent) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw new AssertionError("a state change failed", e.getCause());
            }
        }
    }

    private void replay(SnapshotTopics kafka, List<String> topics) {
        String group = "replay-" + UUID.randomUUID();
        projections.replay(group);
        kafka.awaitCaughtUp(group, topics);
    }

    /** runs-service's runs of the workspace: id -> {@code state_type/state_name}, paging through /flow_runs/filter. */
    private Map<String, String> truth() {
        Map<String, String> runs = new TreeMap<>();
        for (int offset = 0; ; offset += 200) {
            JsonNode page = call("POST", "/flow_runs/filter", "{\"sort\":\"ID_DESC\",\"limit\":200,\"offset\":" + offset + "}");
            page.forEach(run -> runs.put(run.get("id").asText(),
                    run.get("state_type").asText() + "/" + run.get("state_name").asText()));
            if (page.size() < 200) {
                return runs;
            }
        }
    }

    /** The projection's live runs of the workspace: id -> {@code state_type/state_name}. */
    private Map<String, String> projected() {
        Map<String, String> runs = new HashMap<>();
        for (Row row : pool.preparedQuery("SELECT id, state_type, state_name FROM flow_run_projection"
                + " WHERE workspace_id = $1 AND NOT deleted").execute(Tuple.of(ws)).await().atMost(SQL_TIMEOUT)) {
            runs.put(row.getUUID("id").toString(), row.getString("state_type") + "/" + row.getString("state_name"));
        }
        return new TreeMap<>(runs);
    }

    /** Every projected row of the workspace, all columns, as text. */
    private List<String> dump() {
        List<String> rows = new ArrayList<>();
        pool.preparedQuery("SELECT r::text AS line FROM flow_run_projection r WHERE workspace_id = $1 ORDER BY id")
                .execute(Tuple.of(ws)).await().atMost(SQL_TIMEOUT).forEach(row -> rows.add(row.getString("line")));
        return rows;
    }

    private JsonNode call(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(runsUrl + path)).timeout(HTTP_TIMEOUT)
                .header(Workspace.HEADER, ws.toString()).header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertTrue(response.statusCode() < 300, method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
