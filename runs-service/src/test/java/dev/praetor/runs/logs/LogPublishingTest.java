package dev.praetor.runs.logs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.rest.tenancy.Workspace;
import dev.praetor.runs.recorder.RunsInfraTestProfile;
import dev.praetor.testsupport.SharedInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Stored logs reach the {@code logs} topic (for events-service's {@code ws /logs/out}) in the outbox wire format. */
@QuarkusTest
@TestProfile(RunsInfraTestProfile.class)
class LogPublishingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyStoredLogIsPublishedKeyedByItsFlowRunInOrder() throws Exception {
        UUID ws = UUID.randomUUID();
        UUID flowRun = UUID.randomUUID();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 5; i++) {
            body.append(i == 0 ? "" : ",").append("{\"name\": \"publish\", \"level\": 20, \"message\": \"line ").append(i)
                    .append("\", \"timestamp\": \"2026-01-01T10:00:0").append(i).append("Z\", \"flow_run_id\": \"")
                    .append(flowRun).append("\"}");
        }
        body.append(",{\"name\": \"orphan\", \"level\": 30, \"message\": \"no run\", \"timestamp\": \"2026-01-01T10:00:09Z\"}]");
        given().contentType("application/json").header(Workspace.HEADER, ws.toString()).body(body.toString())
                .post("/logs/").then().statusCode(201);

        List<ConsumerRecord<String, byte[]>> ours = readLogsOf(ws, 6);
        List<ConsumerRecord<String, byte[]>> ofRun = ours.stream().filter(r -> r.key().equals(flowRun.toString())).toList();
        assertEquals(5, ofRun.size());
        for (int i = 0; i < 5; i++) {
            JsonNode value = JSON.readTree(ofRun.get(i).value());
            JsonNode log = value.get("data");
            assertEquals(ws.toString(), value.get("workspace_id").asText());
            assertEquals("line " + i, log.get("message").asText());
            assertEquals(20, log.get("level").asInt());
            assertEquals(flowRun.toString(), log.get("flow_run_id").asText());
            assertTrue(log.get("task_run_id").isNull());
            assertTrue(OffsetDateTime.parse(log.get("timestamp").asText())
                    .isEqual(OffsetDateTime.parse("2026-01-01T10:00:0" + i + "Z")));
            UUID.fromString(log.get("id").asText());
        }
        ConsumerRecord<String, byte[]> orphan = ours.stream().filter(r -> !r.key().equals(flowRun.toString()))
                .findFirst().orElseThrow();
        assertEquals(JSON.readTree(orphan.value()).get("data").get("id").asText(), orphan.key());
    }

    private static List<ConsumerRecord<String, byte[]>> readLogsOf(UUID ws, int expected) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafkaBootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> ours = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                consumer.partitionsFor("logs").forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline && ours.size() < expected) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (JSON.readTree(record.value()).get("workspace_id").asText().equals(ws.toString())) {
                        ours.add(record);
                    }
                }
            }
        }
        assertEquals(expected, ours.size(), "logs published for the workspace");
        return ours;
    }
}
