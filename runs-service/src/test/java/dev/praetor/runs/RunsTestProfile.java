package dev.praetor.runs;

import dev.praetor.testsupport.PraetorInfraResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * Real PostgreSQL and Kafka for the run route tests. flows-service cannot run here, so runs-service takes every flow
 * to exist ({@code FlowsServiceDirectoryTest} tests the real check against an HTTP server).
 */
public class RunsTestProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        // no deployments-service either: a run naming a work pool finds it unreachable (port 9 is never served here)
        return Map.of("praetor.runs.verify-flow-exists", "false",
                "praetor.services.deployments-url", "http://127.0.0.1:9");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PraetorInfraResource.class, Map.of("database", "praetor_runs_test")));
    }
}
