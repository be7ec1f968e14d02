package dev.praetor.deployments.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.deployments.clients.FlowsClient.FlowInfo;
import dev.praetor.rest.errors.ServiceUnavailableException;
import dev.praetor.rest.tenancy.Workspace;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The flows-service client against a tiny HTTP server playing flows-service's {@code GET /flows/{id}}. */
class FlowsClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final UUID KNOWN = UUID.randomUUID();
    private static final UUID BROKEN = UUID.randomUUID();
    private static final Map<String, String> WORKSPACE_SEEN = new ConcurrentHashMap<>();
    private static Vertx vertx;
    private static HttpServer server;

    @BeforeAll
    static void startFlowsService() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            WORKSPACE_SEEN.put(request.path(), String.valueOf(request.getHeader(Workspace.HEADER)));
            if (request.path().equals("/flows/" + KNOWN)) {
                request.response().setStatusCode(200).putHeader("content-type", "application/json")
                        .endAndForget("{\"id\":\"" + KNOWN + "\",\"name\":\"etl\",\"tags\":[],\"labels\":{\"team\":\"data\"}}");
            } else if (request.path().equals("/flows/" + BROKEN)) {
                request.response().setStatusCode(500).endAndForget("{\"exception_message\":\"Internal Server Error\"}");
            } else {
                request.response().setStatusCode(404).endAndForget("{\"detail\":\"Flow not found\"}");
            }
        }).listen(0, "127.0.0.1").await().atMost(WAIT);
    }

    @AfterAll
    static void stop() {
        vertx.closeAndAwait();
    }

    private static FlowsClient client(String url, boolean verify) {
        return new FlowsClient(vertx, new ObjectMapper(), URI.create(url), verify);
    }

    private static FlowsClient client() {
        return client("http://127.0.0.1:" + server.actualPort(), true);
    }

    @Test
    void existingFlowGivesItsNameAndLabelsAndTheWorkspaceIsForwarded() {
        UUID ws = UUID.randomUUID();
        Optional<FlowInfo> flow = client().find(ws, KNOWN).await().atMost(WAIT);
        assertEquals("etl", flow.orElseThrow().name());
        assertEquals("data", flow.get().labels().get("team").asText());
        assertEquals(ws.toString(), WORKSPACE_SEEN.get("/flows/" + KNOWN));
    }

    @Test
    void missingFlowIsEmpty() {
        assertTrue(client().find(UUID.randomUUID(), UUID.randomUUID()).await().atMost(WAIT).isEmpty());
    }

    @Test
    void failingOrUnreachableFlowsServiceIsServiceUnavailable() {
        assertThrows(ServiceUnavailableException.class, () -> client().find(UUID.randomUUID(), BROKEN).await().atMost(WAIT));
        assertThrows(ServiceUnavailableException.class,
                () -> client("http://127.0.0.1:1", true).find(UUID.randomUUID(), KNOWN).await().atMost(WAIT));
    }

    @Test
    void withoutVerificationEveryFlowExistsNamedByItsId() {
        UUID flowId = UUID.randomUUID();
        FlowInfo flow = client("http://127.0.0.1:1", false).find(UUID.randomUUID(), flowId).await().atMost(WAIT).orElseThrow();
        assertEquals(flowId.toString(), flow.name());
        assertTrue(flow.labels().isEmpty());
    }
}
