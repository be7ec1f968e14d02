package dev.praetor.flows;

import dev.praetor.testsupport.PraetorInfraResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** Real PostgreSQL and Kafka (Testcontainers where Docker exists, embedded otherwise) for every flows-service test. */
public class FlowsTestProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PraetorInfraResource.class, Map.of("database", "praetor_flows_test")));
    }
}
