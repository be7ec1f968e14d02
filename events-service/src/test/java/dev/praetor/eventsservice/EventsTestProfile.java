package dev.praetor.eventsservice;

import dev.praetor.testsupport.PraetorInfraResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** Real PostgreSQL and Kafka for every events-service test; no websocket auth string. */
public class EventsTestProfile implements QuarkusTestProfile {
    /**
     * The {@code logs} topic is runs-service's; it is provisioned here so that the live reader finds it at start. A
     * subscriber's buffer is kept small so that a slow one is found with a few MB of events.
     */
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("praetor.kafka.topics.plain", "events,logs",
                "praetor.stream.max-buffered-chars", "262144");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PraetorInfraResource.class, Map.of("database", "praetor_events_test")));
    }
}
