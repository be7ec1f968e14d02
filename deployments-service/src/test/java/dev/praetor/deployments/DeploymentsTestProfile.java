package dev.praetor.deployments;

import dev.praetor.testsupport.PraetorInfraResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * Real PostgreSQL and Kafka for every deployments-service test, runs-service's API played by
 * {@link FakeRunsService}. Flows are not looked up (there is no flows-service here: a flow is named by its id), and
 * the scheduler and the foreman do not loop: tests run their rounds.
 */
public class DeploymentsTestProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PraetorInfraResource.class, Map.of("database", "praetor_deployments_test")),
                new TestResourceEntry(FakeRunsService.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("praetor.deployments.verify-flow-exists", "false",
                "praetor.scheduler.enabled", "false",
                "praetor.foreman.enabled", "false");
    }
}
