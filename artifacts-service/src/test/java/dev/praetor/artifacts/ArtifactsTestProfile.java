package dev.praetor.artifacts;

import dev.praetor.testsupport.PraetorInfraResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** Real PostgreSQL (Testcontainers where Docker exists, embedded otherwise) for every artifacts-service test. */
public class ArtifactsTestProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PraetorInfraResource.class, Map.of("database", "praetor_artifacts_test")));
    }
}
