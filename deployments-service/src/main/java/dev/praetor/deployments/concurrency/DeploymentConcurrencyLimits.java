package dev.praetor.deployments.concurrency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.deployments.clients.RunsClient;
import dev.praetor.deployments.clients.UpstreamResponseException;
import dev.praetor.rest.errors.PrefectHttpException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * A deployment's concurrency limit (deployments.md §2.4, §3.6). The limits live in runs-service as v2 limits, which
 * treats the active limit named {@code deployment:<deployment id>} as the deployment's; the deployment keeps the id
 * of its linked limit ({@code concurrency_limit_id}, also set by {@code global_concurrency_limit_id}). Changes run
 * inside the caller's transaction: a refusal or an unreachable runs-service rolls the deployment change back, and a
 * retry converges (a limit already created under the deployment's name is adopted).
 */
@ApplicationScoped
public class DeploymentConcurrencyLimits {
    public static final String NAME_PREFIX = "deployment:";
    static final String NOT_FOUND = "Concurrency limit not found";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** The fields of Prefect's {@code DeploymentResponse.global_concurrency_limit}. */
    private static final List<String> RESPONSE_FIELDS = List.of("id", "created", "updated", "active", "name", "limit",
            "active_slots", "slot_decay_per_second");

    @Inject
    ConcurrencyLinkRepository links;

    @Inject
    RunsClient runs;

    /**
     * Applies the limit fields of a create or update body, in that order: {@code global_concurrency_limit_id} (when
     * present) links an existing limit (404 when there is none) or unlinks; {@code concurrency_limit} (when present)
     * creates, resizes or deletes the linked limit.
     */
    public Uni<Void> apply(SqlConnection tx, UUID workspaceId, UUID deploymentId, boolean hasGlobalLimitId,
            UUID globalLimitId, boolean hasLimit, Integer limit) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        if (hasGlobalLimitId) {
            chain = globalLimitId == null ? links.link(tx, workspaceId, deploymentId, null)
                    : runs.readConcurrencyLimit(workspaceId, globalLimitId.toString()).chain(found -> {
                        if (found.isEmpty()) {
                            throw PrefectHttpException.notFound(NOT_FOUND);
                        }
                        return links.link(tx, workspaceId, deploymentId, globalLimitId);
                    });
        }
        if (hasLimit) {
            chain = chain.chain(() -> links.linkOf(tx, workspaceId, deploymentId))
                    .chain(linked -> setLimit(tx, workspaceId, deploymentId, linked, limit));
        }
        return chain;
    }

    private Uni<Void> setLimit(SqlConnection tx, UUID workspaceId, UUID deploymentId, UUID linked, Integer limit) {
        if (limit == null) {
            return linked == null ? Uni.createFrom().voidItem()
                    : runs.deleteConcurrencyLimit(workspaceId, linked.toString())
                            .chain(() -> links.link(tx, workspaceId, deploymentId, null));
        }
        Uni<Boolean> resized = linked == null ? Uni.createFrom().item(false)
                : runs.updateConcurrencyLimit(workspaceId, linked.toString(), limit);
        return resized.chain(done -> done ? Uni.createFrom().voidItem()
                : createOrAdopt(workspaceId, NAME_PREFIX + deploymentId, limit)
                        .chain(created -> links.link(tx, workspaceId, deploymentId, created)));
    }

    /** Creates the named limit; if the name is taken (an earlier attempt that rolled back here), resizes that one. */
    private Uni<UUID> createOrAdopt(UUID workspaceId, String name, int limit) {
        return runs.createConcurrencyLimit(workspaceId, name, limit)
                .map(created -> UUID.fromString(created.get("id").asText()))
                .onFailure(e -> e instanceof UpstreamResponseException upstream && upstream.status() == 409)
                .recoverWithUni(() -> runs.updateConcurrencyLimit(workspaceId, name, limit)
                        .chain(() -> runs.readConcurrencyLimit(workspaceId, name))
                        .map(found -> UUID.fromString(found.orElseThrow(() -> PrefectHttpException.conflict(
                                "Concurrency limit " + name + " changed concurrently")).get("id").asText())));
    }

    /** Deleting a deployment deletes its linked limit, even a shared global one (deployments.md §3.6). */
    public Uni<Void> deleteLinked(SqlConnection tx, UUID workspaceId, UUID deploymentId) {
        return links.linkOf(tx, workspaceId, deploymentId).chain(linked -> linked == null ? Uni.createFrom().voidItem()
                : runs.deleteConcurrencyLimit(workspaceId, linked.toString()));
    }

    /**
     * Fills {@code global_concurrency_limit} of the deployments that have a linked limit (read from runs-service; a
     * limit deleted there shows as null). {@code withLimit} rebuilds an item with the given limit.
     */
    public <T> Uni<List<T>> decorate(UUID workspaceId, List<T> items, java.util.function.Function<T, UUID> idOf,
            BiFunction<T, JsonNode, T> withLimit) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(items);
        }
        return links.linksOf(workspaceId, items.stream().map(idOf).toList()).chain(linked -> {
            if (linked.isEmpty()) {
                return Uni.createFrom().item(items);
            }
            Map<UUID, Uni<Optional<JsonNode>>> reads = new HashMap<>();
            linked.values().stream().distinct()
                    .forEach(limitId -> reads.put(limitId, runs.readConcurrencyLimit(workspaceId, limitId.toString())));
            List<UUID> limitIds = new ArrayList<>(reads.keySet());
            return Uni.join().all(limitIds.stream().map(reads::get).toList()).andFailFast().map(found -> {
                Map<UUID, JsonNode> byId = new HashMap<>();
                for (int i = 0; i < limitIds.size(); i++) {
                    found.get(i).ifPresent(limit -> byId.put(UUID.fromString(limit.get("id").asText()), response(limit)));
                }
                List<T> decorated = new ArrayList<>(items.size());
                for (T item : items) {
                    UUID limitId = linked.get(idOf.apply(item));
                    JsonNode limit = limitId == null ? null : byId.get(limitId);
                    decorated.add(limit == null ? item : withLimit.apply(item, limit));
                }
                return decorated;
            });
        });
    }

    private static JsonNode response(JsonNode limit) {
        ObjectNode shown = JSON.objectNode();
        RESPONSE_FIELDS.forEach(field -> shown.set(field, limit.get(field)));
        return shown;
    }
}
