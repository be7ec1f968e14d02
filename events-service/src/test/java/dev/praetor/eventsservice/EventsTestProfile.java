package dev.praetor.eventsservice;

import dev.praetor.testsupport.PraetorInfraResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** Real PostgreSQL and Kafka for every events-service test; no websocket auth string. */
public class EventsTestProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PraetorInfraResource.class, Map.of("database", "praetor_events_test")));
    }
}
