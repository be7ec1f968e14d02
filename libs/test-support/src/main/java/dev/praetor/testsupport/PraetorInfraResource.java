package dev.praetor.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a Quarkus test at the JVM's {@link SharedInfra}: creates the test's database and supplies the datasource
 * and Kafka configuration. Init arg {@code database} names the database (default {@value #DEFAULT_DATABASE}).
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;WithTestResource(value = PraetorInfraResource.class,
 *         initArgs = &#64;ResourceArg(name = "database", value = "praetor_flows_test"))
 * class FlowResourceTest { ... }
 * </pre>
 */
public class PraetorInfraResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE_ARG = "database";
    public static final String DEFAULT_DATABASE = "praetor_test";

    private String database = DEFAULT_DATABASE;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault(DATABASE_ARG, DEFAULT_DATABASE);
    }

    @Override
    public Map<String, String> start() {
        SharedInfra infra = SharedInfra.get();
        infra.createDatabaseIfMissing(database);
        return Map.of(
                "quarkus.datasource.reactive.url", infra.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", infra.jdbcUrl(database),
                "quarkus.datasource.username", infra.username(),
                "quarkus.datasource.password", infra.password(),
                "kafka.bootstrap.servers", infra.kafkaBootstrapServers());
    }

    /** Nothing to do: the infrastructure outlives each test class and stops when the JVM exits. */
    @Override
    public void stop() {
    }
}
