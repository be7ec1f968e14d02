package dev.praetor.eventsservice;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.events.SnapshotRecord;
import dev.praetor.events.WireFormat;
import dev.praetor.testsupport.SharedInfra;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes records as another service does (the libs/events wire format), in order, each acknowledged. */
public final class TopicWriter implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafkaBootstrapServers(),
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000),
            new StringSerializer(), new ByteArraySerializer());

    /** Publishes {@code json} as the data of a record with this key and workspace. */
    public void publish(String topic, String key, UUID workspace, String json) throws Exception {
        SnapshotRecord record = new SnapshotRecord(topic, key, workspace, 1, JSON.readTree(json));
        producer.send(WireFormat.toProducerRecord(record)).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
