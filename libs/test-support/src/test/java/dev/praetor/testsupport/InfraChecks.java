package dev.praetor.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.postgresql.Driver;

/** Checks shared by the test classes, which run as separate Quarkus applications. */
final class InfraChecks {

    private InfraChecks() {
    }

    static void assertDatabaseReachable(String jdbcUrl, String username, String password, String expectedDatabase)
            throws Exception {
        Properties credentials = new Properties();
        credentials.setProperty("user", username);
        credentials.setProperty("password", password);
        try (Connection connection = new Driver().connect(jdbcUrl, credentials);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_database()")) {
            assertTrue(rows.next());
            assertEquals(expectedDatabase, rows.getString(1));
        }
    }

    static void assertKafkaReachable(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            assertFalse(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).isEmpty());
        }
    }

    /**
     * Stops and restarts Kafka through {@link SharedInfra}. Called from both test classes, so that one of them does
     * it from another Quarkus application (class loader) than the one that started the infrastructure.
     */
    static void assertKafkaSurvivesAnOutage(String bootstrapServers) throws Exception {
        SharedInfra infra = SharedInfra.get();
        infra.stopKafka();
        infra.startKafka();
        assertEquals(bootstrapServers, infra.kafkaBootstrapServers());
        assertKafkaReachable(bootstrapServers);
    }

    /**
     * Asserts that every test class sees the same Kafka, i.e. that the infrastructure started once per JVM even
     * though each Quarkus application has its own class loader. A system property is shared by all of them.
     */
    static void assertSameInfraAsOtherTestClasses(String bootstrapServers) {
        String first = (String) System.getProperties().putIfAbsent("praetor.test.first-kafka", bootstrapServers);
        assertEquals(first == null ? bootstrapServers : first, bootstrapServers);
    }
}
