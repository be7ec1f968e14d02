package dev.praetor.artifacts.artifacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.artifacts.artifacts.ArtifactRepository.Change;
import dev.praetor.artifacts.artifacts.ArtifactRepository.Changes;
import dev.praetor.artifacts.artifacts.ArtifactRepository.Values;
import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.json.Uuids;
import dev.praetor.rest.paging.Paging;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rules of {@code /artifacts}: one transaction per change, and the "latest" collection kept in step with every
 * create, update and delete exactly as Prefect does (artifacts.md §3).
 */
@ApplicationScoped
public class ArtifactService {
    static final String NOT_FOUND = "Artifact not found.";

    @Inject
    ArtifactRepository artifacts;

    @Inject
    ObjectMapper mapper;

    /** Inserts the artifact and, for a keyed one, makes it the latest of its key, at one transaction time. */
    public Uni<Artifact> create(UUID workspaceId, ArtifactCreate create) {
        UUID id = Uuids.timeOrdered();
        Values values = new Values(create.key(), create.type(), create.description(), jsonText(create.data()),
                create.truncatedMetadata(), create.flow_run_id(), create.task_run_id());
        return artifacts.pool().withTransaction(tx -> {
            Uni<Void> latest = create.key() == null
                    ? Uni.createFrom().voidItem()
                    : artifacts.upsertCollection(tx, workspaceId, Uuids.timeOrdered(), id, values);
            return latest.flatMap(ignored -> artifacts.insert(tx, workspaceId, id, values));
        });
    }

    public Uni<Artifact> read(UUID workspaceId, UUID id) {
        return artifacts.findById(workspaceId, id).map(ArtifactService::orNotFound);
    }

    /** Prefect quirk kept on purpose: the answer carries the collection row's id, not the latest artifact's. */
    public Uni<Artifact> readLatest(UUID workspaceId, String key) {
        return artifacts.findLatestByKey(workspaceId, key).map(ArtifactService::orNotFound);
    }

    public Uni<Void> update(UUID workspaceId, UUID id, ArtifactUpdate update) {
        Changes changes = new Changes(
                update.data() == null ? null : new Change<>(jsonText(update.data())),
                update.description() == null ? null : new Change<>(update.description().textValue()),
                update.metadata_() == null ? null : new Change<>(ArtifactMetadata.truncated(stringMap(update.metadata_()))));
        return artifacts.pool().withTransaction(tx -> artifacts.update(tx, workspaceId, id, changes))
                .flatMap(changed -> changed > 0 ? Uni.createFrom().voidItem() : notFound());
    }

    /**
     * Deletes the artifact; when it was the latest of its key, the newest remaining artifact of the key takes its
     * place, or the collection row goes when none remains. The collection row is locked before it is read, so each
     * statement after the lock sees the committed result of any concurrent create or delete of the same key.
     */
    public Uni<Void> delete(UUID workspaceId, UUID id) {
        return artifacts.pool().withTransaction(tx -> artifacts.delete(tx, workspaceId, id).flatMap(deleted -> {
            if (deleted == null) {
                return ArtifactService.<Void>notFound();
            }
            String key = deleted.key();
            if (key == null) {
                return Uni.createFrom().voidItem();
            }
            return artifacts.lockCollection(tx, workspaceId, key)
                    .flatMap(locked -> artifacts.repointCollection(tx, workspaceId, key, id))
                    .flatMap(repointed -> repointed
                            ? Uni.createFrom().voidItem()
                            : artifacts.deleteCollectionIfLatest(tx, workspaceId, key, id));
        }));
    }

    public Uni<List<Artifact>> filter(UUID workspaceId, ArtifactReadRequest request) {
        int limit = Paging.limit(request.limit());
        int offset = Paging.offset(request.offset());
        return artifacts.filter(workspaceId, request, limit, offset);
    }

    public Uni<Long> count(UUID workspaceId, ArtifactReadRequest request) {
        return artifacts.count(workspaceId, request);
    }

    public Uni<List<ArtifactCollection>> filterLatest(UUID workspaceId, ArtifactCollectionReadRequest request) {
        int limit = Paging.limit(request.limit());
        int offset = Paging.offset(request.offset());
        return artifacts.filterLatest(workspaceId, request, limit, offset);
    }

    public Uni<Long> countLatest(UUID workspaceId, ArtifactCollectionReadRequest request) {
        return artifacts.countLatest(workspaceId, request);
    }

    /** Compact JSON text of a value; null for an absent value and for JSON null alike. */
    private String jsonText(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A metadata node already checked to be null or an object of strings. */
    private static Map<String, String> stringMap(JsonNode metadata) {
        if (metadata.isNull()) {
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        metadata.properties().forEach(entry -> result.put(entry.getKey(), entry.getValue().textValue()));
        return result;
    }

    private static <T> Uni<T> notFound() {
        return Uni.createFrom().failure(PrefectHttpException.notFound(NOT_FOUND));
    }

    private static <T> T orNotFound(T found) {
        if (found == null) {
            throw PrefectHttpException.notFound(NOT_FOUND);
        }
        return found;
    }
}
