package dev.praetor.testsupport;

import dev.praetor.infra.BuiltService;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs another built Praetor service (a real one, never a stand-in) next to a Quarkus test, against the JVM's
 * {@link SharedInfra} (its own database there, the same Kafka), and points the test's client at it.
 *
 * <p>Init args: {@code module} (e.g. {@code runs-service}; its jar must be built, which the parent pom's module order
 * ensures in a full build), {@code database}, {@code url-property} (the test's configuration key that receives the
 * service's base URL, e.g. {@code praetor.services.runs-url}); every other arg is a {@code -D} property of the child.
 *
 * <pre>
 * new TestResourceEntry(PraetorServiceResource.class, Map.of("module", "runs-service",
 *         "database", "praetor_runs_for_deployments_test", "url-property", "praetor.services.runs-url",
 *         "praetor.runs.verify-flow-exists", "false"))
 * </pre>
 *
 * The running service is {@link #service(String)} for tests that need an outage ({@link BuiltService#stop()}).
 */
public class PraetorServiceResource implements QuarkusTestResourceLifecycleManager {
    public static final String MODULE_ARG = "module";
    public static final String DATABASE_ARG = "database";
    public static final String URL_PROPERTY_ARG = "url-property";

    private static final Map<String, BuiltService> RUNNING = new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<String, String> childProperties = new LinkedHashMap<>();
    private String module;
    private String database;
    private String urlProperty;
    private BuiltService service;

    @Override
    public void init(Map<String, String> initArgs) {
        module = require(initArgs, MODULE_ARG);
        database = require(initArgs, DATABASE_ARG);
        urlProperty = require(initArgs, URL_PROPERTY_ARG);
        initArgs.forEach((name, value) -> {
            if (!name.equals(MODULE_ARG) && !name.equals(DATABASE_ARG) && !name.equals(URL_PROPERTY_ARG)) {
                childProperties.put(name, value);
            }
        });
    }

    @Override
    public Map<String, String> start() {
        SharedInfra infra = SharedInfra.get();
        infra.createDatabaseIfMissing(database);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.reactive.url", infra.reactiveUrl(database));
        properties.put("quarkus.datasource.jdbc.url", infra.jdbcUrl(database));
        properties.put("quarkus.datasource.username", infra.username());
        properties.put("quarkus.datasource.password", infra.password());
        properties.put("kafka.bootstrap.servers", infra.kafkaBootstrapServers());
        properties.putAll(childProperties);
        service = BuiltService.start(Path.of(""), module, properties);
        RUNNING.put(module, service);
        return Map.of(urlProperty, service.url());
    }

    @Override
    public void stop() {
        if (service != null) {
            RUNNING.remove(module, service);
            service.close();
        }
    }

    /** The running service of {@code module} started by this resource (for outage tests). */
    public static BuiltService service(String module) {
        BuiltService running = RUNNING.get(module);
        if (running == null) {
            throw new IllegalStateException(module + " is not running for this test");
        }
        return running;
    }

    private static String require(Map<String, String> args, String name) {
        String value = args.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(PraetorServiceResource.class.getSimpleName() + " needs init arg " + name);
        }
        return value;
    }
}
