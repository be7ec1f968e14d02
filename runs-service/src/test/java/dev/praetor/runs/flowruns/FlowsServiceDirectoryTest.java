package dev.praetor.runs.flowruns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.rest.errors.ServiceUnavailableException;
import dev.praetor.rest.tenancy.Workspace;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The flow-existence check against an HTTP server that answers like flows-service. */
class FlowsServiceDirectoryTest {
    private static final UUID KNOWN = UUID.randomUUID();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void startFlowsService() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            requests.add(request.path() + " " + request.getHeader(Workspace.HEADER));
            if (request.path().equals("/flows/" + KNOWN)) {
                request.response().putHeader("content-type", "application/json")
                        .endAndForget("{\"id\": \"" + KNOWN + "\", \"name\": \"etl\", \"tags\": [], \"labels\": {\"team\": \"data\"}}");
            } else {
                request.response().setStatusCode(404).putHeader("content-type", "application/json")
                        .endAndForget("{\"detail\": \"Flow not found\"}");
            }
        }).listen(0).await().atMost(WAIT);
    }

    @AfterEach
    void stop() {
        server.close().await().atMost(WAIT);
        vertx.close().await().atMost(WAIT);
    }

    private FlowsServiceDirectory directory(String url) {
        return new FlowsServiceDirectory(vertx, new ObjectMapper(), URI.create(url), true);
    }

    private String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    @Test
    void existingFlowIsFoundWithItsLabelsInTheCallersWorkspace() {
        UUID workspace = UUID.randomUUID();
        Optional<FlowDirectory.FlowInfo> flow = directory(url()).find(workspace, KNOWN).await().atMost(WAIT);
        assertTrue(flow.isPresent());
        assertEquals("data", flow.get().labels().get("team").asText());
        assertEquals(List.of("/flows/" + KNOWN + " " + workspace), requests);
    }

    @Test
    void foundFlowIsRememberedButAMissingOneIsAskedAgain() {
        FlowsServiceDirectory directory = directory(url());
        UUID workspace = UUID.randomUUID();
        UUID missing = UUID.randomUUID();
        directory.find(workspace, KNOWN).await().atMost(WAIT);
        directory.find(workspace, KNOWN).await().atMost(WAIT);
        assertEquals(Optional.empty(), directory.find(workspace, missing).await().atMost(WAIT));
        assertEquals(Optional.empty(), directory.find(workspace, missing).await().atMost(WAIT));
        assertEquals(3, requests.size());
    }

    @Test
    void unreachableFlowsServiceIsServiceUnavailable() {
        String closedPort = url();
        server.close().await().atMost(WAIT);
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> directory(closedPort).find(UUID.randomUUID(), KNOWN).await().atMost(WAIT));
        assertInstanceOf(ServiceUnavailableException.class, failure);
        server = vertx.createHttpServer().requestHandler(r -> r.response().endAndForget()).listen(0).await().atMost(WAIT);
    }

    @Test
    void disabledCheckTakesEveryFlowToExist() {
        FlowsServiceDirectory directory = new FlowsServiceDirectory(vertx, new ObjectMapper(), URI.create(url()), false);
        assertTrue(directory.find(UUID.randomUUID(), UUID.randomUUID()).await().atMost(WAIT).isPresent());
        assertEquals(List.of(), requests);
    }
}
