package dev.praetor.deployments;

import dev.praetor.testsupport.PraetorInfraResource;
import dev.praetor.testsupport.PraetorServiceResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * Real PostgreSQL and Kafka for every deployments-service test, and the real runs-service (its built jar, in a child
 * JVM with its own database) answering {@code /flow_runs}: see {@link RunsService}. Flows are not looked up by either
 * service (there is no flows-service here: a flow is named by its id), and the scheduler and the foreman do not loop:
 * tests run their rounds.
 */
public class DeploymentsTestProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PraetorInfraResource.class, Map.of("database", "praetor_deployments_test")),
                new TestResourceEntry(PraetorServiceResource.class, Map.of(
                        PraetorServiceResource.MODULE_ARG, RunsService.MODULE,
                        PraetorServiceResource.DATABASE_ARG, "praetor_runs_for_deployments_test",
                        PraetorServiceResource.URL_PROPERTY_ARG, "praetor.services.runs-url",
                        "praetor.runs.verify-flow-exists", "false")));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("praetor.deployments.verify-flow-exists", "false",
                "praetor.scheduler.enabled", "false",
                "praetor.foreman.enabled", "false");
    }
}
