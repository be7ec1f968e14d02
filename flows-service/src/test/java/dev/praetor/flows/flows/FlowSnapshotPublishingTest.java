package dev.praetor.flows.flows;

import static dev.praetor.flows.flows.Requests.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.flows.FlowsTestProfile;
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
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Every committed flow change reaches the {@code flows} topic, even when Kafka was down at the time. */
@QuarkusTest
@TestProfile(FlowsTestProfile.class)
class FlowSnapshotPublishingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the topic from the beginning until {@code done} holds for the latest record per key, or fails. */
    private static Map<String, ConsumerRecord<String, byte[]>> readUntil(
            Predicate<Map<String, ConsumerRecord<String, byte[]>>> done, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafkaBootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, ConsumerRecord<String, byte[]>> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                consumer.partitionsFor(FlowService.TOPIC).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
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
        throw new AssertionError("topic did not reach the expected state in " + timeout + "; saw " + latest.size() + " keys");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void createdFlowIsPublishedAsASnapshotKeyedById() throws Exception {
        UUID ws = UUID.randomUUID();
        String id = in(ws).body("{\"name\":\"published\",\"tags\":[\"t\"]}").post("/flows/").then().statusCode(201)
                .extract().path("id");
        ConsumerRecord<String, byte[]> record = readUntil(m -> m.containsKey(id), Duration.ofSeconds(30)).get(id);
        JsonNode value = JSON.readTree(record.value());
        assertEquals(ws.toString(), value.get("workspace_id").asText());
        assertEquals(1, value.get("version").asLong());
        assertEquals("published", value.get("data").get("name").asText());
        assertEquals("t", value.get("data").get("tags").get(0).asText());
        assertEquals(ws.toString(), header(record, "praetor-workspace-id"));
    }

    @Test
    void updateRaisesTheVersionAndDeleteIsATombstone() throws Exception {
        UUID ws = UUID.randomUUID();
        String id = in(ws).body("{\"name\":\"short-lived\"}").post("/flows/").then().statusCode(201).extract().path("id");
        in(ws).body("{\"tags\":[\"x\"]}").patch("/flows/" + id).then().statusCode(204);
        ConsumerRecord<String, byte[]> updated = readUntil(
                m -> m.containsKey(id) && m.get(id).value() != null && "2".equals(header(m.get(id), "praetor-version")),
                Duration.ofSeconds(30)).get(id);
        assertEquals("x", JSON.readTree(updated.value()).get("data").get("tags").get(0).asText());
        in(ws).delete("/flows/" + id).then().statusCode(204);
        ConsumerRecord<String, byte[]> tombstone = readUntil(m -> m.containsKey(id) && m.get(id).value() == null,
                Duration.ofSeconds(30)).get(id);
        assertNull(tombstone.value());
        assertEquals("3", header(tombstone, "praetor-version"));
    }

    @Test
    void flowsCreatedWhileKafkaIsDownArePublishedOnceItReturns() {
        UUID ws = UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        SharedInfra.get().stopKafka();
        try {
            for (int i = 0; i < 20; i++) {
                ids.add(in(ws).body("{\"name\":\"during-outage-" + i + "\"}").post("/flows/").then().statusCode(201)
                        .extract().path("id"));
            }
            in(ws).post("/flows/count").then().statusCode(200);
        } finally {
            SharedInfra.get().startKafka();
        }
        Map<String, ConsumerRecord<String, byte[]>> seen = readUntil(m -> m.keySet().containsAll(ids), Duration.ofSeconds(90));
        assertTrue(seen.keySet().containsAll(Set.copyOf(ids)));
    }
}
