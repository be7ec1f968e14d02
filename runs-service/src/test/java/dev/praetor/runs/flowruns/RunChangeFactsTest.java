package dev.praetor.runs.flowruns;

import static dev.praetor.runs.Api.createFlowRun;
import static dev.praetor.runs.Api.in;
import static dev.praetor.runs.Api.setState;
import static dev.praetor.runs.Api.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.runs.RunsTestProfile;
import dev.praetor.testsupport.SharedInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Committed run changes reach Kafka: snapshots on {@code flow-runs}/{@code task-runs}, Prefect events on {@code events}. */
@QuarkusTest
@TestProfile(RunsTestProfile.class)
class RunChangeFactsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final UUID ws = UUID.randomUUID();

    /** Reads {@code topic} from the beginning until {@code done} holds for the latest record per key, or fails. */
    private static Map<String, ConsumerRecord<String, byte[]>> readUntil(String topic,
            Predicate<Map<String, ConsumerRecord<String, byte[]>>> done) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafkaBootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, ConsumerRecord<String, byte[]>> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    latest.put(record.key(), record);
                }
                if (done.test(latest)) {
                    return latest;
                }
            }
        }
        throw new AssertionError(topic + " did not reach the expected state; saw " + latest.size() + " keys");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static JsonNode data(ConsumerRecord<String, byte[]> record) throws Exception {
        return JSON.readTree(record.value()).get("data");
    }

    @Test
    void stateChangesPublishTheRunSnapshotWithARisingVersion() throws Exception {
        String id = createFlowRun(ws, "");
        setState(ws, id, state("RUNNING")).statusCode(201);
        ConsumerRecord<String, byte[]> record = readUntil("flow-runs", m -> m.containsKey(id) && m.get(id).value() != null
                && new String(m.get(id).value(), StandardCharsets.UTF_8).contains("\"state_type\":\"RUNNING\"")).get(id);
        JsonNode run = data(record);
        assertEquals("RUNNING", run.get("state_type").asText());
        assertEquals(1, run.get("run_count").asInt());
        assertEquals("2", header(record, "praetor-version"));
        assertEquals(ws.toString(), header(record, "praetor-workspace-id"));
    }

    @Test
    void everyWrittenStateBecomesAPrefectEventKeyedByTheStateId() throws Exception {
        String id = createFlowRun(ws, "\"tags\": [\"etl\"]");
        String stateId = setState(ws, id, state("RUNNING")).statusCode(201).extract().path("state.id");
        JsonNode event = data(readUntil("events", m -> m.containsKey(stateId)).get(stateId));
        assertEquals("prefect.flow-run.Running", event.get("event").asText());
        assertEquals(stateId, event.get("id").asText());
        assertEquals("prefect.flow-run." + id, event.get("resource").get("prefect.resource.id").asText());
        assertEquals("Running", event.get("resource").get("prefect.state-name").asText());
        assertEquals("PENDING", event.get("payload").get("intended").get("from").asText());
        assertEquals("RUNNING", event.get("payload").get("validated_state").get("type").asText());
        List<String> related = new ArrayList<>();
        event.get("related").forEach(r -> related.add(r.get("prefect.resource.role").asText()));
        assertEquals(List.of("flow", "tag"), related);
    }

    @Test
    void deletedRunIsATombstone() {
        String id = createFlowRun(ws, "");
        in(ws).delete("/flow_runs/" + id).then().statusCode(204);
        ConsumerRecord<String, byte[]> record = readUntil("flow-runs", m -> m.containsKey(id) && m.get(id).value() == null).get(id);
        assertNull(record.value());
        assertEquals("2", header(record, "praetor-version"));
    }

    @Test
    void taskRunChangesPublishTaskRunSnapshots() throws Exception {
        String id = in(ws).body("{\"task_key\": \"t\", \"dynamic_key\": \"0\"}").post("/task_runs/").then().statusCode(201)
                .extract().path("id");
        JsonNode run = data(readUntil("task-runs", m -> m.containsKey(id)).get(id));
        assertEquals("PENDING", run.get("state_type").asText());
        assertTrue(run.has("dynamic_key"));
    }
}
