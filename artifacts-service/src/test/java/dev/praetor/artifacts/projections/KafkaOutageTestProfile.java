package dev.praetor.artifacts.projections;

import dev.praetor.testsupport.PraetorInfraResource;
import dev.praetor.testsupport.PraetorServiceResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * artifacts-service (its own database, its projections consuming the shared Kafka) beside the real runs-service: its
 * built jar in a child JVM with its own database and the same Kafka, whose base URL the test reads from
 * {@value #RUNS_URL}. No flows-service runs here, so runs-service does not look flows up; its background services
 * (late runs, pause expirations, cancellation cleanup) are off so that nothing but the test changes a run.
 */
public class KafkaOutageTestProfile implements QuarkusTestProfile {
    static final String RUNS_URL = "praetor.test.runs-url";
    static final String GROUP = "artifacts-service-projections-outage-test";

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PraetorInfraResource.class, Map.of("database", "praetor_artifacts_outage_test")),
                new TestResourceEntry(PraetorServiceResource.class, Map.of(
                        PraetorServiceResource.MODULE_ARG, "runs-service",
                        PraetorServiceResource.DATABASE_ARG, "praetor_runs_for_artifacts_test",
                        PraetorServiceResource.URL_PROPERTY_ARG, RUNS_URL,
                        "praetor.runs.verify-flow-exists", "false",
                        "praetor.runs.late-runs.enabled", "false",
                        "praetor.runs.pause-expirations.enabled", "false",
                        "praetor.runs.cancellation-cleanup.enabled", "false")));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("praetor.projections.group-id", GROUP);
    }
}
