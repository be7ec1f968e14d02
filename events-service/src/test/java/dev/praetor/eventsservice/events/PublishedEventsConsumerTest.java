package dev.praetor.eventsservice.events;

import static dev.praetor.eventsservice.Requests.event;
import static dev.praetor.eventsservice.Requests.in;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.events.SnapshotRecord;
import dev.praetor.events.WireFormat;
import dev.praetor.eventsservice.EventsTestProfile;
import dev.praetor.testsupport.SharedInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Events that other services publish on {@code events} (e.g. flow-run state changes) become queryable here. */
@QuarkusTest
@TestProfile(EventsTestProfile.class)
class PublishedEventsConsumerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anEventPublishedByAnotherServiceIsStoredOnce() throws Exception {
        UUID workspace = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        String data = event(id, "prefect.flow-run.Completed", "prefect.flow-run." + UUID.randomUUID(),
                OffsetDateTime.now(ZoneOffset.UTC));
        SnapshotRecord record = new SnapshotRecord("events", id.toString(), workspace, 1, JSON.readTree(data));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(WireFormat.toProducerRecord(record)).get();
            producer.send(WireFormat.toProducerRecord(record)).get(); // at-least-once delivery repeats records
        }
        String filter = "{\"filter\": {\"id\": {\"id\": [\"" + id + "\"]}}}";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int total = 0;
        while (total == 0 && System.nanoTime() < deadline) {
            total = in(workspace).body(filter).post("/events/filter").then().statusCode(200).extract().path("total");
            Thread.sleep(100);
        }
        assertEquals(1, total);
    }
}
