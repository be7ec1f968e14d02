package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.errors.ServiceUnavailableException;
import dev.praetor.rest.json.Uuids;
import dev.praetor.rest.tenancy.Workspace;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Resolves queues through deployments-service's Prefect API ({@code GET /work_pools/{pool}},
 * {@code GET /work_pools/{pool}/queues/{queue}}, {@code GET /work_queues/{id}} at {@code praetor.services.deployments-url})
 * in the caller's workspace.
 */
@ApplicationScoped
public class DeploymentsServiceWorkQueues implements WorkQueueDirectory {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI deploymentsUrl;
    private final ObjectMapper mapper;
    private final HttpClient client;

    @Inject
    public DeploymentsServiceWorkQueues(Vertx vertx, ObjectMapper mapper,
            @ConfigProperty(name = "praetor.services.deployments-url", defaultValue = "http://127.0.0.1:4203") URI url) {
        this.deploymentsUrl = url;
        this.mapper = mapper;
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) TIMEOUT.toMillis())
                .setKeepAlive(true));
    }

    @PreDestroy
    void close() {
        client.closeAndForget();
    }

    @Override
    public Uni<ResolvedQueue> resolve(UUID workspaceId, String poolName, String queueName) {
        if (queueName != null) {
            String missing = "Work pool queue '" + poolName + "/" + queueName + "' not found.";
            return get(workspaceId, "/work_pools/" + segment(poolName) + "/queues/" + segment(queueName), missing)
                    .map(queue -> new ResolvedQueue(uuid(queue, "id"), queue.path("name").asText(queueName),
                            uuid(queue, "work_pool_id"), poolName));
        }
        String missing = "Work pool \"" + poolName + "\" not found.";
        return get(workspaceId, "/work_pools/" + segment(poolName), missing).flatMap(pool -> {
            UUID defaultQueue = uuid(pool, "default_queue_id");
            return get(workspaceId, "/work_queues/" + defaultQueue, missing)
                    .map(queue -> new ResolvedQueue(defaultQueue, queue.path("name").asText(null), uuid(pool, "id"),
                            pool.path("name").asText(poolName)));
        });
    }

    private Uni<JsonNode> get(UUID workspaceId, String path, String notFound) {
        String base = deploymentsUrl.getPath() == null || deploymentsUrl.getPath().equals("/") ? "" : deploymentsUrl.getPath();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(deploymentsUrl.getHost())
                .setPort(deploymentsUrl.getPort() < 0 ? 80 : deploymentsUrl.getPort())
                .setSsl("https".equals(deploymentsUrl.getScheme())).setURI(base + path)
                .putHeader(Workspace.HEADER, workspaceId.toString()).setTimeout(TIMEOUT.toMillis());
        return client.request(request)
                .flatMap(req -> req.send())
                .onFailure().transform(e -> new ServiceUnavailableException("deployments-service unreachable: " + e, e))
                .flatMap(response -> response.body().map(body -> {
                    if (response.statusCode() == 404) {
                        throw PrefectHttpException.notFound(notFound);
                    }
                    if (response.statusCode() != 200) {
                        throw new ServiceUnavailableException("deployments-service answered " + response.statusCode(), null);
                    }
                    try {
                        return mapper.readTree(body.toString());
                    } catch (IOException e) {
                        throw new ServiceUnavailableException("deployments-service answered unreadable JSON", e);
                    }
                }));
    }

    private static UUID uuid(JsonNode node, String field) {
        return Uuids.parseLenient(node.path(field).asText(null));
    }

    private static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
