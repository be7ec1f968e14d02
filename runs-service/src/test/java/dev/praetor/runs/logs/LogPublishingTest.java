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

/**
 * Stored logs reach the {@code logs} topic (for events-service's {@code ws /logs/out}) in the outbox wire format, as
 * log batches: one record per flow run of a request (bounded in bytes), not one per log.
 */
@QuarkusTest
@TestProfile(RunsInfraTestProfile.class)
class LogPublishingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String line(String name, int level, String message, String timestamp, UUID flowRun) {
        return "{\"name\": \"" + name + "\", \"level\": " + level + ", \"message\": \"" + message
                + "\", \"timestamp\": \"" + timestamp + "\"" + (flowRun == null ? "" : ", \"flow_run_id\": \""
                + flowRun + "\"") + "}";
    }

    @Test
    void aRequestIsPublishedAsOneBatchPerFlowRunInOrder() throws Exception {
        UUID ws = UUID.randomUUID();
        UUID runA = UUID.randomUUID();
        UUID runB = UUID.randomUUID();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            lines.add(line("publish", 20, "a " + i, "2026-01-01T10:00:0" + i + "Z", runA));
            if (i % 2 == 0) {
                lines.add(line("publish", 30, "b " + i, "2026-01-01T10:00:0" + i + "Z", runB));
            }
        }
        lines.add(line("orphan", 30, "no run", "2026-01-01T10:00:09Z", null));
        given().contentType("application/json").header(Workspace.HEADER, ws.toString())
                .body("[" + String.join(",", lines) + "]").post("/logs/").then().statusCode(201);

        List<ConsumerRecord<String, byte[]>> ours = readLogsOf(ws, 3);
        JsonNode batchA = dataOf(ours, runA.toString());
        JsonNode batchB = dataOf(ours, runB.toString());
        assertEquals("log-batch", batchA.get("format").asText());
        assertEquals(1, batchA.get("format_version").asInt());
        for (ConsumerRecord<String, byte[]> record : ours) {
            assertEquals(1, JSON.readTree(record.value()).get("version").asLong());
        }
        OffsetDateTime created = OffsetDateTime.parse(batchA.get("created").asText());
        assertTrue(created.isEqual(OffsetDateTime.parse(batchB.get("created").asText())), "one transaction");

        JsonNode logsA = batchA.get("logs");
        assertEquals(5, logsA.size());
        for (int i = 0; i < 5; i++) {
            JsonNode log = logsA.get(i);
            assertEquals("a " + i, log.get("message").asText());
            assertEquals(20, log.get("level").asInt());
            assertEquals("publish", log.get("name").asText());
            assertEquals(runA.toString(), log.get("flow_run_id").asText());
            assertTrue(log.get("task_run_id").isNull());
            assertTrue(OffsetDateTime.parse(log.get("timestamp").asText())
                    .isEqual(OffsetDateTime.parse("2026-01-01T10:00:0" + i + "Z")));
            UUID.fromString(log.get("id").asText());
        }
        JsonNode logsB = batchB.get("logs");
        assertEquals(List.of("b 0", "b 2", "b 4"), messages(logsB));

        ConsumerRecord<String, byte[]> orphan = ours.stream()
                .filter(r -> !r.key().equals(runA.toString()) && !r.key().equals(runB.toString()))
                .findFirst().orElseThrow();
        JsonNode orphanLogs = JSON.readTree(orphan.value()).get("data").get("logs");
        assertEquals(List.of("no run"), messages(orphanLogs));
        assertEquals(orphanLogs.get(0).get("id").asText(), orphan.key());

        // The published ids and created are the stored ones.
        JsonNode stored = JSON.readTree(given().contentType("application/json").header(Workspace.HEADER, ws.toString())
                .body("{\"logs\": {\"flow_run_id\": {\"any_\": [\"" + runA + "\"]}}, \"sort\": \"TIMESTAMP_ASC\"}")
                .post("/logs/filter").then().statusCode(200).extract().asString());
        assertEquals(5, stored.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(stored.get(i).get("id").asText(), logsA.get(i).get("id").asText());
            assertTrue(created.isEqual(OffsetDateTime.parse(stored.get(i).get("created").asText())));
        }
    }

    @Test
    void aLargeRequestIsSplitIntoBoundedBatchesThatKeepTheRunsOrder() throws Exception {
        UUID ws = UUID.randomUUID();
        UUID run = UUID.randomUUID();
        String big = "x".repeat(100_000);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            lines.add(line("big", 20, i + " " + big, "2026-01-01T10:00:00Z", run));
        }
        given().contentType("application/json").header(Workspace.HEADER, ws.toString())
                .body("[" + String.join(",", lines) + "]").post("/logs/").then().statusCode(201);

        // 14 logs of 100 kB: more than 1 MB in all, so at least three records of at most 512 kB of logs each.
        List<ConsumerRecord<String, byte[]>> ours = readLogsOf(ws, 3, 14);
        List<String> prefixes = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : ours) {
            assertEquals(run.toString(), record.key());
            assertTrue(record.value().length < 600_000, "record of " + record.value().length + " bytes");
            for (String message : messages(JSON.readTree(record.value()).get("data").get("logs"))) {
                prefixes.add(message.substring(0, message.indexOf(' ')));
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            expected.add(Integer.toString(i));
        }
        assertEquals(expected, prefixes);
    }

    @Test
    void aLogLineBeyondKafkasDefaultRecordSizeIsPublishedAndHoldsNothingUp() throws Exception {
        UUID ws = UUID.randomUUID();
        UUID run = UUID.randomUUID();
        // 3 MB in one line: one record over Kafka's 1 MiB default, which would stop the outbox at this row.
        String huge = "y".repeat(3_000_000);
        given().contentType("application/json").header(Workspace.HEADER, ws.toString())
                .body("[" + line("huge", 20, huge, "2026-01-01T10:00:00Z", run) + "]").post("/logs/")
                .then().statusCode(201);
        given().contentType("application/json").header(Workspace.HEADER, ws.toString())
                .body("[" + line("after", 20, "after the huge one", "2026-01-01T10:00:01Z", run) + "]").post("/logs/")
                .then().statusCode(201);

        List<String> published = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readLogsOf(ws, 2, 2)) {
            published.addAll(messages(JSON.readTree(record.value()).get("data").get("logs")));
        }
        assertEquals(List.of(huge, "after the huge one"), published);
    }

    private static List<String> messages(JsonNode logs) {
        List<String> messages = new ArrayList<>();
        logs.forEach(log -> messages.add(log.get("message").asText()));
        return messages;
    }

    private static JsonNode dataOf(List<ConsumerRecord<String, byte[]>> records, String key) throws Exception {
        List<ConsumerRecord<String, byte[]>> withKey = records.stream().filter(r -> r.key().equals(key)).toList();
        assertEquals(1, withKey.size(), "records keyed " + key);
        return JSON.readTree(withKey.get(0).value()).get("data");
    }

    private static List<ConsumerRecord<String, byte[]>> readLogsOf(UUID ws, int expected) throws Exception {
        List<ConsumerRecord<String, byte[]>> ours = readLogsOf(ws, expected, Integer.MAX_VALUE);
        assertEquals(expected, ours.size(), "records published for the workspace");
        return ours;
    }

    /** Reads the workspace's records of the {@code logs} topic, in offset order, until they hold {@code logs} logs. */
    private static List<ConsumerRecord<String, byte[]>> readLogsOf(UUID ws, int minRecords, int logs) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafkaBootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> ours = new ArrayList<>();
        int seen = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                consumer.partitionsFor("logs").forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Once the expected records arrived, one more second for any that should not be there.
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode value = JSON.readTree(record.value());
                    if (value.get("workspace_id").asText().equals(ws.toString())) {
                        ours.add(record);
                        seen += value.get("data").get("logs").size();
                    }
                }
                if (quietUntil == Long.MAX_VALUE && ours.size() >= minRecords
                        && (logs == Integer.MAX_VALUE || seen >= logs)) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
            }
        }
        assertTrue(ours.size() >= minRecords, ours.size() + " records published for the workspace");
        return ours;
    }
}
