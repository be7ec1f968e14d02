package dev.praetor.flows.flows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.events.Outbox;
import dev.praetor.events.SnapshotRecord;
import dev.praetor.flows.flows.FlowRepository.CreateOrGet;
import dev.praetor.flows.flows.FlowRepository.StoredFlow;
import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.json.Uuids;
import dev.praetor.rest.paging.PageResponse;
import dev.praetor.rest.paging.Paging;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The rules of {@code /flows}: one transaction per request; every committed change writes the flow's snapshot (or
 * tombstone) to the outbox in that same transaction, so it reaches the {@code flows} topic exactly when it commits.
 */
@ApplicationScoped
public class FlowService {
    public static final String TOPIC = "flows";
    static final String NOT_FOUND = "Flow not found";

    @Inject
    FlowRepository flows;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    public Uni<CreateOrGet> createOrGet(UUID workspaceId, FlowCreate create) {
        // Most calls name an existing flow (the client calls this before every run): answer those without writing.
        return flows.findByName(flows.pool(), workspaceId, create.name()).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(new CreateOrGet(existing, false));
            }
            return flows.pool().withTransaction(tx -> flows
                    .createOrGet(tx, workspaceId, Uuids.timeOrdered(), create.name(), create.tagsOrEmpty(), create.labelsOrEmpty())
                    .call(result -> result.inserted() ? outbox.append(tx, snapshot(workspaceId, result.stored())) : Uni.createFrom().voidItem()));
        });
    }

    public Uni<Flow> read(UUID workspaceId, UUID id) {
        return flows.findById(flows.pool(), workspaceId, id).map(FlowService::orNotFound);
    }

    public Uni<Flow> readByName(UUID workspaceId, String name) {
        return flows.findByName(flows.pool(), workspaceId, name).map(FlowService::orNotFound);
    }

    public Uni<Void> update(UUID workspaceId, UUID id, FlowUpdate update) {
        if (update.tags() == null) {
            return read(workspaceId, id).replaceWithVoid();
        }
        return flows.pool().withTransaction(tx -> flows.updateTags(tx, workspaceId, id, update.tags())
                .flatMap(stored -> {
                    if (stored == null) {
                        return Uni.createFrom().failure(PrefectHttpException.notFound(NOT_FOUND));
                    }
                    return outbox.append(tx, snapshot(workspaceId, stored));
                }));
    }

    public Uni<Void> delete(UUID workspaceId, UUID id) {
        return flows.pool().withTransaction(tx -> flows.delete(tx, workspaceId, id).flatMap(version -> {
            if (version == null) {
                return Uni.createFrom().failure(PrefectHttpException.notFound(NOT_FOUND));
            }
            return outbox.append(tx, tombstone(workspaceId, id, version));
        }));
    }

    public Uni<FlowBulkDeleteResponse> bulkDelete(UUID workspaceId, FlowBulkDeleteRequest request) {
        int limit = Paging.bulkLimit(request.limit());
        FlowReadRequest filter = new FlowReadRequest(request.flows(), null, null, null, null, null, null, null, null);
        return flows.pool().withTransaction(tx -> flows.deleteMatching(tx, workspaceId, filter, limit).flatMap(deleted -> {
            List<SnapshotRecord> tombstones = new ArrayList<>(deleted.size());
            deleted.forEach((id, version) -> tombstones.add(tombstone(workspaceId, id, version)));
            return outbox.appendAll(tx, tombstones).replaceWith(new FlowBulkDeleteResponse(List.copyOf(deleted.keySet())));
        }));
    }

    public Uni<List<Flow>> filter(UUID workspaceId, FlowReadRequest request) {
        int limit = Paging.limit(request.limit());
        int offset = Paging.offset(request.offset());
        return flows.filter(workspaceId, request, limit, offset);
    }

    public Uni<Long> count(UUID workspaceId, FlowReadRequest request) {
        return flows.count(workspaceId, request);
    }

    public Uni<PageResponse<Flow>> paginate(UUID workspaceId, FlowReadRequest request) {
        return PageResponse.paginate(request.limit(), request.page(),
                (limit, offset) -> flows.filter(workspaceId, request, limit, offset), flows.count(workspaceId, request));
    }

    private SnapshotRecord snapshot(UUID workspaceId, StoredFlow stored) {
        return new SnapshotRecord(TOPIC, stored.flow().id().toString(), workspaceId, stored.version(),
                mapper.valueToTree(stored.flow()));
    }

    private static SnapshotRecord tombstone(UUID workspaceId, UUID id, long lastVersion) {
        return new SnapshotRecord(TOPIC, id.toString(), workspaceId, lastVersion + 1, null);
    }

    private static Flow orNotFound(StoredFlow stored) {
        if (stored == null) {
            throw PrefectHttpException.notFound(NOT_FOUND);
        }
        return stored.flow();
    }
}
