package dev.praetor.runs.recorder;

import static dev.praetor.runs.recorder.ClientEvents.publish;
import static dev.praetor.runs.recorder.ClientEvents.stateChange;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.rest.tenancy.Workspace;
import dev.praetor.testsupport.SharedInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Task runs and their state histories rebuilt from client events on the {@code events} topic. */
@QuarkusTest
@TestProfile(RunsInfraTestProfile.class)
class TaskRunRecorderTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OffsetDateTime T0 = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);

    @Inject
    Pool pool;

    private record TaskRun(UUID id, UUID flowRunId, String name, String taskKey, String stateType, String stateName,
            UUID stateId, int runCount, List<String> tags, long version) {
    }

    private TaskRun taskRun(UUID workspace, UUID id) {
        var rows = pool.preparedQuery("SELECT * FROM task_run WHERE workspace_id = $1 AND id = $2")
                .execute(Tuple.of(workspace, id)).await().indefinitely();
        if (rows.size() == 0) {
            return null;
        }
        Row row = rows.iterator().next();
        return new TaskRun(row.getUUID("id"), row.getUUID("flow_run_id"), row.getString("name"),
                row.getString("task_key"), row.getString("state_type"), row.getString("state_name"),
                row.getUUID("state_id"), row.getInteger("run_count"), List.of(row.getArrayOfStrings("tags")),
                row.getLong("version"));
    }

    /** State names of the task run's history, oldest first. */
    private List<String> history(UUID workspace, UUID taskRunId) {
        List<String> names = new ArrayList<>();
        pool.preparedQuery("SELECT name FROM task_run_state WHERE workspace_id = $1 AND task_run_id = $2 ORDER BY timestamp")
                .execute(Tuple.of(workspace, taskRunId)).await().indefinitely().forEach(row -> names.add(row.getString(0)));
        return names;
    }

    private TaskRun awaitTaskRun(UUID workspace, UUID id, Predicate<TaskRun> done) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        TaskRun found = taskRun(workspace, id);
        while ((found == null || !done.test(found)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            found = taskRun(workspace, id);
        }
        return found;
    }

    private List<String> awaitHistory(UUID workspace, UUID id, int size) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        List<String> names = history(workspace, id);
        while (names.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(20);
            names = history(workspace, id);
        }
        return names;
    }

    private static JsonNode event(UUID taskRunId, UUID flowRunId, String type, String name, int secondsAfterT0) {
        return stateChange(UUID.randomUUID(), taskRunId, flowRunId, "load-abc123", "dyn-" + taskRunId, type, name,
                T0.plusSeconds(secondsAfterT0), type.equals("PENDING") ? 0 : 1, "client");
    }

    @Test
    void aTaskRunAppearsWithItsStateHistory() throws Exception {
        UUID workspace = UUID.randomUUID();
        UUID taskRun = UUID.randomUUID();
        UUID flowRun = UUID.randomUUID();
        JsonNode completed = event(taskRun, flowRun, "COMPLETED", "Completed", 2);
        publish(workspace, event(taskRun, flowRun, "PENDING", "Pending", 0), event(taskRun, flowRun, "RUNNING", "Running", 1),
                completed);
        TaskRun recorded = awaitTaskRun(workspace, taskRun, run -> "COMPLETED".equals(run.stateType()));
        assertEquals("Completed", recorded.stateName());
        assertEquals(UUID.fromString(completed.get("id").asText()), recorded.stateId());
        assertEquals(flowRun, recorded.flowRunId());
        assertEquals("load-3f1", recorded.name());
        assertEquals("load-abc123", recorded.taskKey());
        assertEquals(1, recorded.runCount());
        assertEquals(List.of("db"), recorded.tags());
        assertEquals(List.of("Pending", "Running", "Completed"), awaitHistory(workspace, taskRun, 3));

        Row state = pool.preparedQuery("SELECT state_details::text, timestamp FROM task_run_state WHERE id = $1")
                .execute(Tuple.of(recorded.stateId())).await().indefinitely().iterator().next();
        JsonNode details = JSON.readTree(state.getString(0));
        assertEquals(taskRun.toString(), details.get("task_run_id").asText());
        assertEquals(flowRun.toString(), details.get("flow_run_id").asText());
        assertEquals(false, details.get("retriable").asBoolean());
        assertTrue(details.has("cache_key")); // every StateDetails key, as Prefect stores them
        assertEquals(T0.plusSeconds(2).toInstant(), state.getOffsetDateTime(1).toInstant());
    }

    @Test
    void theRecordedTaskRunIsServedByTheTaskRunsApi() throws Exception {
        UUID workspace = UUID.randomUUID();
        UUID taskRun = UUID.randomUUID();
        UUID flowRun = UUID.randomUUID();
        JsonNode running = event(taskRun, flowRun, "RUNNING", "Running", 1);
        publish(workspace, running);
        String url = "/task_runs/" + taskRun;
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (given().header(Workspace.HEADER, workspace.toString()).get(url).statusCode() == 404
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        given().header(Workspace.HEADER, workspace.toString()).get(url).then().statusCode(200)
                .body("id", equalTo(taskRun.toString()))
                .body("flow_run_id", equalTo(flowRun.toString()))
                .body("task_key", equalTo("load-abc123"))
                .body("dynamic_key", equalTo("dyn-" + taskRun))
                .body("state_type", equalTo("RUNNING"))
                .body("state.id", equalTo(running.get("id").asText()))
                .body("state.name", equalTo("Running"))
                .body("state.state_details.task_run_id", equalTo(taskRun.toString()))
                .body("task_inputs.x[0].input_type", equalTo("parameter"))
                .body("empirical_policy.retries", equalTo(1));
    }

    @Test
    void lateEventsDoNotRollTheTaskRunBack() throws Exception {
        UUID workspace = UUID.randomUUID();
        UUID taskRun = UUID.randomUUID();
        UUID flowRun = UUID.randomUUID();
        publish(workspace, event(taskRun, flowRun, "COMPLETED", "Completed", 2));
        awaitTaskRun(workspace, taskRun, run -> true);
        publish(workspace, event(taskRun, flowRun, "RUNNING", "Running", 1), event(taskRun, flowRun, "PENDING", "Pending", 0));
        assertEquals(List.of("Pending", "Running", "Completed"), awaitHistory(workspace, taskRun, 3));
        TaskRun recorded = taskRun(workspace, taskRun);
        assertEquals("COMPLETED", recorded.stateType());
        assertEquals(1, recorded.version());
    }

    @Test
    void aRepeatedEventIsRecordedOnce() throws Exception {
        UUID workspace = UUID.randomUUID();
        UUID taskRun = UUID.randomUUID();
        UUID flowRun = UUID.randomUUID();
        JsonNode running = event(taskRun, flowRun, "RUNNING", "Running", 1);
        publish(workspace, running, running);
        awaitTaskRun(workspace, taskRun, run -> true);
        publish(workspace, running, event(taskRun, flowRun, "COMPLETED", "Completed", 2));
        TaskRun recorded = awaitTaskRun(workspace, taskRun, run -> "COMPLETED".equals(run.stateType()));
        assertEquals(List.of("Running", "Completed"), history(workspace, taskRun));
        assertEquals(2, recorded.version());
    }

    @Test
    void aStoredTaskRunWithTheSameNaturalKeyKeepsItsId() throws Exception {
        UUID workspace = UUID.randomUUID();
        UUID storedId = UUID.randomUUID();
        UUID flowRun = UUID.randomUUID();
        UUID eventTaskRunId = UUID.randomUUID();
        // As POST /task_runs/ would have stored it, under another id.
        pool.preparedQuery("INSERT INTO task_run (id, workspace_id, created, updated, name, flow_run_id, task_key, "
                + "dynamic_key, state_type, state_name, state_timestamp) VALUES ($1, $2, now(), now(), 'placeholder', $3, "
                + "'load-abc123', $4, 'PENDING', 'Pending', $5)")
                .execute(Tuple.of(storedId, workspace, flowRun, "dyn-" + eventTaskRunId, T0.minusSeconds(1)))
                .await().indefinitely();
        publish(workspace, event(eventTaskRunId, flowRun, "RUNNING", "Running", 1));
        TaskRun recorded = awaitTaskRun(workspace, storedId, run -> "RUNNING".equals(run.stateType()));
        assertEquals("load-3f1", recorded.name());
        assertNull(taskRun(workspace, eventTaskRunId));
        assertEquals(List.of("Running"), history(workspace, storedId));
    }

    @Test
    void anAutonomousTaskRunHasNoFlowRun() throws Exception {
        UUID workspace = UUID.randomUUID();
        UUID taskRun = UUID.randomUUID();
        publish(workspace, event(taskRun, null, "COMPLETED", "Completed", 1));
        TaskRun recorded = awaitTaskRun(workspace, taskRun, run -> true);
        assertNull(recorded.flowRunId());
        assertEquals("COMPLETED", recorded.stateType());
    }

    @Test
    void onlyClientOrchestratedTaskRunEventsAreRecorded() throws Exception {
        UUID workspace = UUID.randomUUID();
        UUID ignored = UUID.randomUUID();
        UUID recordedId = UUID.randomUUID();
        publish(workspace, stateChange(UUID.randomUUID(), ignored, null, "k", "d", "RUNNING", "Running", T0, 1, "server"),
                event(recordedId, null, "RUNNING", "Running", 1));
        // Topic order within a partition is not global order; the later task run appearing is not proof enough,
        // so the ignored one is checked after the recorded one and a further round trip.
        awaitTaskRun(workspace, recordedId, run -> true);
        publish(workspace, event(recordedId, null, "COMPLETED", "Completed", 2));
        awaitTaskRun(workspace, recordedId, run -> "COMPLETED".equals(run.stateType()));
        assertNull(taskRun(workspace, ignored));
    }

    @Test
    void changedTaskRunsArePublishedOnTheTaskRunsTopic() throws Exception {
        UUID workspace = UUID.randomUUID();
        UUID taskRun = UUID.randomUUID();
        UUID flowRun = UUID.randomUUID();
        publish(workspace, event(taskRun, flowRun, "RUNNING", "Running", 1));
        awaitTaskRun(workspace, taskRun, run -> true);
        publish(workspace, event(taskRun, flowRun, "COMPLETED", "Completed", 2));
        ConsumerRecord<String, byte[]> latest = latestOnTopic("task-runs", taskRun.toString(),
                value -> value.get("version").asLong() == 2);
        JsonNode value = JSON.readTree(latest.value());
        assertEquals(workspace.toString(), value.get("workspace_id").asText());
        assertEquals("COMPLETED", value.at("/data/state_type").asText());
        assertEquals("COMPLETED", value.at("/data/state/type").asText());
        assertEquals(taskRun.toString(), value.at("/data/state/state_details/task_run_id").asText());
        assertEquals("load-abc123", value.at("/data/task_key").asText());
    }

    private static ConsumerRecord<String, byte[]> latestOnTopic(String topic, String key, Predicate<JsonNode> done)
            throws Exception {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            ConsumerRecord<String, byte[]> latest = null;
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        latest = record;
                    }
                }
                if (latest != null && done.test(JSON.readTree(latest.value()))) {
                    return latest;
                }
            }
            throw new AssertionError("no matching record for " + key + " on " + topic);
        }
    }
}
