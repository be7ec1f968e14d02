package dev.praetor.runs.concurrency;

import static dev.praetor.runs.Api.in;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.runs.RunsTestProfile;
import dev.praetor.testsupport.SharedInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Limit changes reach the {@code events} topic as Prefect's lifecycle events, after commit. */
@QuarkusTest
@TestProfile(RunsTestProfile.class)
class ConcurrencyLimitEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final UUID ws = UUID.randomUUID();

    /** The events about {@code resourceId} on the topic, by event name, read until {@code count} arrived. */
    private static Map<String, JsonNode> eventsOf(String resourceId, int count) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafkaBootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, JsonNode> found = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                consumer.partitionsFor("events").forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline && found.size() < count) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        continue;
                    }
                    JsonNode event = JSON.readTree(record.value()).get("data");
                    if (event != null && resourceId.equals(event.path("resource").path("prefect.resource.id").asText())) {
                        found.put(event.get("event").asText(), event);
                    }
                }
            }
        }
        return found;
    }

    @Test
    void createUpdateAndDeletePublishLifecycleEvents() throws Exception {
        String id = in(ws).body("{\"name\": \"evented\", \"limit\": 2}").post("/v2/concurrency_limits/").then().statusCode(201)
                .extract().path("id");
        in(ws).body("{\"limit\": 4}").patch("/v2/concurrency_limits/evented").then().statusCode(204);
        in(ws).delete("/v2/concurrency_limits/evented").then().statusCode(204);
        Map<String, JsonNode> events = eventsOf("prefect.concurrency-limit." + id, 3);
        // Events are keyed by their own ids, so they may sit on different partitions: order them by occurrence.
        List<String> names = events.values().stream()
                .sorted(java.util.Comparator.comparing(e -> java.time.OffsetDateTime.parse(e.get("occurred").asText())))
                .map(e -> e.get("event").asText()).toList();
        assertEquals(List.of("prefect.concurrency-limit.created", "prefect.concurrency-limit.updated",
                "prefect.concurrency-limit.deleted"), names);
        JsonNode updated = events.get("prefect.concurrency-limit.updated");
        assertEquals("evented", updated.path("resource").path("prefect.resource.name").asText());
        assertEquals(4, updated.path("payload").path("limit").asInt());
        assertEquals(true, updated.path("payload").path("active").asBoolean());
    }
}
