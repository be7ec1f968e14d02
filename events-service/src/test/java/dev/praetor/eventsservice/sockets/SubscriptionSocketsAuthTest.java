package dev.praetor.eventsservice.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.praetor.eventsservice.TestSocket;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The subscription sockets authenticate as {@code /events/in} does (same auth string profile). */
@QuarkusTest
@TestProfile(EventsInAuthTest.WithAuthString.class)
class SubscriptionSocketsAuthTest {
    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL url;

    @ParameterizedTest
    @ValueSource(strings = {"/events/out", "/logs/out"})
    void aWrongTokenClosesWithPolicyViolation(String path) throws Exception {
        try (TestSocket socket = TestSocket.connect(vertx, url.getPort(), path, UUID.randomUUID(), true)) {
            socket.send("{\"type\": \"auth\", \"token\": \"admin:wrong\"}");
            assertEquals(1008, socket.awaitClose());
            assertEquals("Invalid token", socket.closeReason());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/events/out", "/logs/out"})
    void theConfiguredTokenIsAccepted(String path) throws Exception {
        try (TestSocket socket = TestSocket.connect(vertx, url.getPort(), path, UUID.randomUUID(), true)) {
            assertEquals("{\"type\":\"auth_success\"}", socket.authenticate(EventsInAuthTest.AUTH_STRING));
        }
    }
}
