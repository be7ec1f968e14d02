package dev.praetor.deployments.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.rest.errors.ServiceUnavailableException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Commands to runs-service, which owns flow runs, through its Prefect API ({@code /flow_runs/...} at
 * {@code praetor.services.runs-url}) in the caller's workspace. Refusals are passed on unchanged
 * ({@link UpstreamResponseException}); an unreachable runs-service is a 503.
 */
@ApplicationScoped
public class RunsClient {
    private static final String SERVICE = "runs-service";
    /** {@code POST /flow_runs/bulk_delete} takes at most this many runs per call. */
    static final int BULK_DELETE_LIMIT = 50;

    /** A run from {@code POST /flow_runs/}: {@code created} is false for an idempotent hit (an existing run). */
    public record CreatedRun(boolean created, JsonNode run) {
    }

    private final ServiceHttp http;
    private final ObjectMapper mapper;

    @Inject
    public RunsClient(Vertx vertx, ObjectMapper mapper,
            @ConfigProperty(name = "praetor.services.runs-url", defaultValue = "http://127.0.0.1:4202") URI runsUrl) {
        this.http = new ServiceHttp(SERVICE, runsUrl, vertx, mapper);
        this.mapper = mapper;
    }

    @PreDestroy
    void close() {
        http.close();
    }

    public Uni<CreatedRun> createFlowRun(UUID workspaceId, ObjectNode flowRunCreate) {
        return http.send(HttpMethod.POST, "/flow_runs/", workspaceId, flowRunCreate)
                .map(reply -> new CreatedRun(succeeded(reply).status() == 201, reply.body()));
    }

    /** {@code POST /flow_runs/filter} with the given body (filters, sort, limit, offset). */
    public Uni<ArrayNode> filterFlowRuns(UUID workspaceId, ObjectNode body) {
        return http.send(HttpMethod.POST, "/flow_runs/filter", workspaceId, body).map(reply -> {
            if (!(succeeded(reply).body() instanceof ArrayNode runs)) {
                throw new ServiceUnavailableException(SERVICE + " answered a filter with something not a list", null);
            }
            return runs;
        });
    }

    /** {@code POST /flow_runs/count} with the given filters. */
    public Uni<Long> countFlowRuns(UUID workspaceId, ObjectNode body) {
        return http.send(HttpMethod.POST, "/flow_runs/count", workspaceId, body).map(reply -> {
            JsonNode count = succeeded(reply).body();
            if (count == null || !count.isIntegralNumber()) {
                throw new ServiceUnavailableException(SERVICE + " answered a count with something not a number", null);
            }
            return count.asLong();
        });
    }

    /** Deletes the runs with these ids ({@code POST /flow_runs/bulk_delete}, in chunks); missing ones are skipped. */
    public Uni<Void> deleteFlowRuns(UUID workspaceId, List<UUID> ids) {
        List<List<UUID>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += BULK_DELETE_LIMIT) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + BULK_DELETE_LIMIT)));
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (List<UUID> chunk : chunks) {
            ObjectNode body = mapper.createObjectNode();
            ArrayNode any = body.putObject("flow_runs").putObject("id").putArray("any_");
            chunk.forEach(id -> any.add(id.toString()));
            body.put("limit", BULK_DELETE_LIMIT);
            chain = chain.chain(() -> http.send(HttpMethod.POST, "/flow_runs/bulk_delete", workspaceId, body)
                    .invoke(RunsClient::succeeded).replaceWithVoid());
        }
        return chain;
    }

    // ---- v2 concurrency limits (deployment concurrency: the limit named deployment:<id>, deployments.md §2.4)

    /** {@code GET /v2/concurrency_limits/{id_or_name}}; empty when there is no such limit. */
    public Uni<Optional<JsonNode>> readConcurrencyLimit(UUID workspaceId, String idOrName) {
        return http.send(HttpMethod.GET, "/v2/concurrency_limits/" + idOrName, workspaceId, null)
                .map(reply -> reply.status() == 404 ? Optional.<JsonNode>empty() : Optional.of(succeeded(reply).body()));
    }

    /** {@code POST /v2/concurrency_limits/}: an active limit; returns the created limit. A taken name is a 409. */
    public Uni<JsonNode> createConcurrencyLimit(UUID workspaceId, String name, int limit) {
        ObjectNode body = mapper.createObjectNode().put("name", name).put("limit", limit).put("active", true);
        return http.send(HttpMethod.POST, "/v2/concurrency_limits/", workspaceId, body).map(reply -> succeeded(reply).body());
    }

    /** {@code PATCH /v2/concurrency_limits/{id_or_name}} with a new {@code limit}; false when there is no such limit. */
    public Uni<Boolean> updateConcurrencyLimit(UUID workspaceId, String idOrName, int limit) {
        ObjectNode body = mapper.createObjectNode().put("limit", limit);
        return http.send(HttpMethod.PATCH, "/v2/concurrency_limits/" + idOrName, workspaceId, body)
                .map(reply -> reply.status() != 404 && succeeded(reply) != null);
    }

    /** {@code DELETE /v2/concurrency_limits/{id_or_name}}; a limit already gone is fine. */
    public Uni<Void> deleteConcurrencyLimit(UUID workspaceId, String idOrName) {
        return http.send(HttpMethod.DELETE, "/v2/concurrency_limits/" + idOrName, workspaceId, null)
                .invoke(reply -> {
                    if (reply.status() != 404) {
                        succeeded(reply);
                    }
                }).replaceWithVoid();
    }

    private static ServiceHttp.Reply succeeded(ServiceHttp.Reply reply) {
        if (!reply.isSuccess()) {
            throw new UpstreamResponseException(SERVICE, reply.status(), reply.body());
        }
        return reply;
    }
}
