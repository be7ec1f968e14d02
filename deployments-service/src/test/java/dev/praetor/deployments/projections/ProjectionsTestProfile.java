package dev.praetor.deployments.projections;

import dev.praetor.testsupport.PraetorInfraResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * Real PostgreSQL and Kafka, and nothing else: the related-object filters read projections fed from the snapshot
 * topics, which these tests publish themselves in the owners' wire format. No flow is looked up (a flow is named by
 * its id) and no run is created, so no other service runs; the scheduler and the foreman do not loop.
 *
 * <p>Its own consumer group: the test JVM's Kafka is shared by every profile's application (each with its own
 * database), and a group shared with another profile's application would leave records it consumed out of ours.
 */
public class ProjectionsTestProfile implements QuarkusTestProfile {
    public static final String GROUP = "deployments-service-projections-test";

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PraetorInfraResource.class,
                Map.of(PraetorInfraResource.DATABASE_ARG, "praetor_deployments_projections_test")));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("praetor.deployments.verify-flow-exists", "false",
                "praetor.scheduler.enabled", "false",
                "praetor.foreman.enabled", "false",
                "praetor.projections.group-id", GROUP);
    }
}
