package dev.praetor.deployments.clients;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.rest.errors.ServiceUnavailableException;
import dev.praetor.rest.tenancy.Workspace;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;

/**
 * JSON over HTTP to another Praetor service, in the caller's workspace (the internal header the gateway sets).
 * A service that cannot be reached, or that answers with a body that is not JSON, is a 503: Prefect's client
 * retries those.
 */
final class ServiceHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The status and JSON body of an answer (a {@code null} node for an empty body). */
    record Reply(int status, JsonNode body) {
        boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    private final String service;
    private final URI base;
    private final ObjectMapper mapper;
    private final HttpClient client;

    /**
     * Names the calling service: runs-service honours the fields Prefect's server sets itself on a deployment's run
     * (queue id, deployment version, {@code auto_scheduled}, {@code created_by}) only on such calls. The gateway strips
     * this internal header from clients.
     */
    static final String CALLER_HEADER = "X-Praetor-Caller";

    ServiceHttp(String service, URI base, Vertx vertx, ObjectMapper mapper) {
        this.service = service;
        this.base = base;
        this.mapper = mapper;
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) TIMEOUT.toMillis())
                .setKeepAlive(true));
    }

    Uni<Reply> send(HttpMethod method, String path, UUID workspaceId, Object body) {
        String prefix = base.getPath() == null || base.getPath().equals("/") ? "" : base.getPath();
        RequestOptions request = new RequestOptions().setMethod(method).setHost(base.getHost())
                .setPort(base.getPort() < 0 ? 80 : base.getPort()).setSsl("https".equals(base.getScheme()))
                .setURI(prefix + path).putHeader(Workspace.HEADER, workspaceId.toString())
                .putHeader(CALLER_HEADER, "deployments-service")
                .putHeader("content-type", "application/json").setTimeout(TIMEOUT.toMillis());
        Buffer payload;
        try {
            payload = Buffer.buffer(body == null ? new byte[0] : mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return client.request(request)
                .flatMap(req -> req.send(payload))
                .flatMap(response -> response.body().map(bytes -> new Reply(response.statusCode(), json(bytes))))
                .onFailure(e -> !(e instanceof ServiceUnavailableException))
                .transform(e -> new ServiceUnavailableException(service + " unreachable: " + e, e));
    }

    private JsonNode json(Buffer bytes) {
        if (bytes.length() == 0) {
            return null;
        }
        try {
            return mapper.readTree(bytes.getBytes());
        } catch (IOException e) {
            throw new ServiceUnavailableException(service + " answered a body that is not JSON", e);
        }
    }

    void close() {
        client.closeAndForget();
    }
}
