package dev.praetor.deployments.deployments;

import static dev.praetor.deployments.Requests.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.deployments.DeploymentsTestProfile;
import dev.praetor.deployments.workqueues.WorkQueueSnapshots;
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

/** Committed deployment and work queue changes reach their compacted topics, deletions as tombstones. */
@QuarkusTest
@TestProfile(DeploymentsTestProfile.class)
class SnapshotPublishingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the topic from the beginning until {@code done} holds for the latest record per key, or fails. */
    private static Map<String, ConsumerRecord<String, byte[]>> readUntil(String topic,
            Predicate<Map<String, ConsumerRecord<String, byte[]>>> done) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafkaBootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, ConsumerRecord<String, byte[]>> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
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

    private static String version(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader("praetor-version").value(), StandardCharsets.UTF_8);
    }

    @Test
    void deploymentSnapshotsCarryTheFlowNameAndVersionsThenATombstone() throws Exception {
        UUID ws = UUID.randomUUID();
        UUID flow = UUID.randomUUID();
        String id = in(ws).body("{\"flow_id\":\"" + flow + "\",\"name\":\"published\",\"tags\":[\"t\"]}")
                .post("/deployments/").then().statusCode(201).extract().path("id");
        in(ws).body("{\"tags\":[\"u\"]}").patch("/deployments/" + id).then().statusCode(204);
        ConsumerRecord<String, byte[]> updated = readUntil(DeploymentSnapshots.TOPIC,
                m -> m.containsKey(id) && "2".equals(version(m.get(id)))).get(id);
        JsonNode value = JSON.readTree(updated.value());
        assertEquals(ws.toString(), value.get("workspace_id").asText());
        assertEquals("u", value.get("data").get("tags").get(0).asText());
        assertEquals(flow.toString(), value.get("data").get("flow_name").asText());
        in(ws).delete("/deployments/" + id).then().statusCode(204);
        ConsumerRecord<String, byte[]> tombstone = readUntil(DeploymentSnapshots.TOPIC,
                m -> m.containsKey(id) && m.get(id).value() == null).get(id);
        assertNull(tombstone.value());
        assertEquals("3", version(tombstone));
    }

    @Test
    void workQueueSnapshotsCarryTheirPoolAndPoolDeletionTombstonesThem() throws Exception {
        UUID ws = UUID.randomUUID();
        String queueId = in(ws).body("{\"name\":\"snap-pool\",\"type\":\"process\"}").post("/work_pools/").then()
                .statusCode(201).extract().path("default_queue_id");
        JsonNode value = JSON.readTree(readUntil(WorkQueueSnapshots.TOPIC, m -> m.containsKey(queueId)).get(queueId).value());
        assertEquals("snap-pool", value.get("data").get("work_pool_name").asText());
        assertEquals("process", value.get("data").get("work_pool_type").asText());
        assertEquals("default", value.get("data").get("name").asText());
        in(ws).delete("/work_pools/snap-pool").then().statusCode(204);
        readUntil(WorkQueueSnapshots.TOPIC, m -> m.containsKey(queueId) && m.get(queueId).value() == null);
    }
}
