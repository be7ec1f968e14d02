package dev.praetor.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedInfraTest {

    private static final String TOPIC = "things";

    @TempDir
    Path dataDirectory;

    @Test
    void postgresServesQueriesAndKeepsDataAcrossRestarts() throws Exception {
        Path postgresDirectory = dataDirectory.resolve("postgres");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(postgresDirectory, 0)) {
            postgres.createDatabaseIfMissing("praetor_it");
            postgres.createDatabaseIfMissing("praetor_it");
            assertEquals(1, queryInt(postgres, "SELECT 1"));
            execute(postgres, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)");
            // Unicode-aware case folding, from the built-in C.UTF-8 locale.
            assertEquals(1, queryInt(postgres, "SELECT count(*) FROM (SELECT 1 WHERE 'ÄÖ' ILIKE 'äö') matched"));
        }
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(postgresDirectory, 0)) {
            assertEquals(42, queryInt(postgres, "SELECT id FROM kept"));
            assertThrows(IllegalStateException.class, () -> EmbeddedPostgresServer.start(postgresDirectory, 0),
                    "a data directory in use must not be started twice");
        }
    }

    @Test
    void kafkaDeliversRecordsBeforeAndAfterARestart() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dataDirectory.resolve("kafka"), 0)) {
            String bootstrapServers = kafka.bootstrapServers();
            kafka.createTopics(Map.of(TOPIC, true));
            kafka.createTopics(Map.of(TOPIC, true));
            assertEquals("compact", cleanupPolicy(bootstrapServers));

            produce(bootstrapServers, "k1", "v1");
            assertEquals(List.of("v1"), consumeAll(bootstrapServers, 1));

            kafka.stop();
            assertFalse(kafka.isRunning());
            kafka.restart();
            assertTrue(kafka.isRunning());
            assertEquals(bootstrapServers, kafka.bootstrapServers());

            produce(bootstrapServers, "k2", "v2");
            List<String> values = consumeAll(bootstrapServers, 2);
            assertEquals(Set.of("v1", "v2"), Set.copyOf(values));
        }
    }

    private static int queryInt(EmbeddedPostgresServer postgres, String sql) throws Exception {
        try (Connection connection = connect(postgres);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next());
            return rows.getInt(1);
        }
    }

    private static void execute(EmbeddedPostgresServer postgres, String sql) throws Exception {
        try (Connection connection = connect(postgres); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection connect(EmbeddedPostgresServer postgres) throws Exception {
        return PostgresDatabases.connect(postgres.jdbcUrl("praetor_it"), postgres.username(), postgres.password());
    }

    private static String cleanupPolicy(String bootstrapServers) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            return config.get("cleanup.policy").value();
        }
    }

    private static void produce(String bootstrapServers, String key, String value) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
        }
    }

    /** Reads the topic from the beginning, without a consumer group, until {@code expected} records arrived. */
    private static List<String> consumeAll(String bootstrapServers, int expected) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(partition -> new TopicPartition(TOPIC, partition.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
