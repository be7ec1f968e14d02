package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.rest.errors.ServiceUnavailableException;
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
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks flows-service ({@code GET {praetor.services.flows-url}/flows/{id}} in the caller's workspace) whether a flow
 * exists. Flows are rarely deleted and the client creates many runs of one flow, so positive answers are cached
 * briefly; negative ones are not (the flow may be created a moment later). With
 * {@code praetor.runs.verify-flow-exists=false} every flow is taken to exist (tests, which cannot run flows-service).
 */
@ApplicationScoped
public class FlowsServiceDirectory implements FlowDirectory {
    static final Duration CACHE_TTL = Duration.ofSeconds(30);
    private static final int CACHE_LIMIT = 10_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private record Key(UUID workspaceId, UUID flowId) {
    }

    private record Cached(FlowInfo flow, long expiresAtNanos) {
    }

    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();
    private final URI flowsUrl;
    private final boolean verify;
    private final ObjectMapper mapper;
    private final HttpClient client;

    @Inject
    public FlowsServiceDirectory(Vertx vertx, ObjectMapper mapper,
            @ConfigProperty(name = "praetor.services.flows-url", defaultValue = "http://127.0.0.1:4201") URI flowsUrl,
            @ConfigProperty(name = "praetor.runs.verify-flow-exists", defaultValue = "true") boolean verify) {
        this.flowsUrl = flowsUrl;
        this.verify = verify;
        this.mapper = mapper;
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) TIMEOUT.toMillis())
                .setKeepAlive(true));
    }

    @PreDestroy
    void close() {
        client.closeAndForget();
    }

    @Override
    public Uni<Optional<FlowInfo>> find(UUID workspaceId, UUID flowId) {
        if (!verify) {
            return Uni.createFrom().item(Optional.of(new FlowInfo(flowId, null)));
        }
        Key key = new Key(workspaceId, flowId);
        Cached cached = cache.get(key);
        if (cached != null && cached.expiresAtNanos() - System.nanoTime() > 0) {
            return Uni.createFrom().item(Optional.of(cached.flow()));
        }
        return fetch(workspaceId, flowId).invoke(found -> found.ifPresent(flow -> remember(key, flow)));
    }

    private Uni<Optional<FlowInfo>> fetch(UUID workspaceId, UUID flowId) {
        String base = flowsUrl.getPath() == null || flowsUrl.getPath().equals("/") ? "" : flowsUrl.getPath();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(flowsUrl.getHost())
                .setPort(flowsUrl.getPort() < 0 ? 80 : flowsUrl.getPort()).setSsl("https".equals(flowsUrl.getScheme()))
                .setURI(base + "/flows/" + flowId).putHeader(Workspace.HEADER, workspaceId.toString())
                .setTimeout(TIMEOUT.toMillis());
        return client.request(request)
                .flatMap(req -> req.send())
                .flatMap(response -> response.body().map(body -> {
                    if (response.statusCode() == 200) {
                        return Optional.of(toFlow(flowId, body.toString()));
                    }
                    if (response.statusCode() == 404) {
                        return Optional.<FlowInfo>empty();
                    }
                    throw new ServiceUnavailableException("flows-service answered " + response.statusCode(), null);
                }))
                .onFailure(e -> !(e instanceof ServiceUnavailableException))
                .transform(e -> new ServiceUnavailableException("flows-service unreachable: " + e, e));
    }

    private FlowInfo toFlow(UUID flowId, String body) {
        JsonNode labels;
        try {
            labels = mapper.readTree(body).get("labels");
        } catch (java.io.IOException e) {
            throw new ServiceUnavailableException("flows-service answered an unreadable flow", e);
        }
        return new FlowInfo(flowId, labels instanceof ObjectNode object ? object : null);
    }

    private void remember(Key key, FlowInfo flow) {
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(key, new Cached(flow, System.nanoTime() + CACHE_TTL.toNanos()));
    }
}
