package dev.praetor.eventsservice.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.praetor.eventsservice.EventsTestProfile;
import dev.praetor.eventsservice.TestSocket;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** With {@code praetor.auth.basic-auth-string} set, the in-band token must match it. */
@QuarkusTest
@TestProfile(EventsInAuthTest.WithAuthString.class)
class EventsInAuthTest {
    static final String AUTH_STRING = "admin:s3cret";

    public static class WithAuthString extends EventsTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("praetor.auth.basic-auth-string", AUTH_STRING);
        }
    }

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL url;

    private TestSocket connect(boolean offerPrefect) throws Exception {
        return TestSocket.connect(vertx, url.getPort(), "/events/in", UUID.randomUUID(), offerPrefect);
    }

    @Test
    void theConfiguredTokenIsAccepted() throws Exception {
        try (TestSocket socket = connect(true)) {
            assertEquals("{\"type\":\"auth_success\"}", socket.authenticate(AUTH_STRING));
        }
    }

    @Test
    void aWrongTokenClosesWithPolicyViolation() throws Exception {
        try (TestSocket socket = connect(true)) {
            socket.send("{\"type\": \"auth\", \"token\": \"admin:wrong\"}");
            assertEquals(1008, socket.awaitClose());
            assertEquals("Invalid token", socket.closeReason());
        }
    }

    @Test
    void aMissingTokenClosesWithPolicyViolation() throws Exception {
        try (TestSocket socket = connect(true)) {
            socket.send("{\"type\": \"auth\", \"token\": null}");
            assertEquals(1008, socket.awaitClose());
            assertEquals("Auth required but no token provided", socket.closeReason());
        }
    }

    @Test
    void aClientWithoutTheSubprotocolIsRefused() {
        ExecutionException failure = assertThrows(ExecutionException.class, () -> connect(false));
        assertEquals(403, ((UpgradeRejectedException) failure.getCause()).getStatus());
    }
}
