package dev.praetor.config.variables;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.config.JsonChecks;
import dev.praetor.config.variables.VariableRepository.Changes;
import dev.praetor.config.variables.VariableRepository.Selector;
import dev.praetor.rest.errors.PrefectErrorMappers;
import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.json.Uuids;
import dev.praetor.rest.paging.Paging;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/** The rules of {@code /variables} (other-resources.md §1); each change is one statement. */
@ApplicationScoped
public class VariableService {
    static final String NOT_FOUND = "Variable not found.";

    @Inject
    VariableRepository variables;

    @Inject
    ObjectMapper mapper;

    public Uni<Variable> create(UUID workspaceId, VariableCreate create) {
        return variables.insert(workspaceId, Uuids.timeOrdered(), create.name(), jsonText(create.value()),
                create.tagsOrEmpty()).map(created -> {
                    if (created == null) {
                        // Python's repr of the name: names are [a-z0-9_-]*, so always single-quoted
                        throw PrefectHttpException.conflict("A variable with the name '" + create.name() + "' already exists.");
                    }
                    return created;
                });
    }

    public Uni<Variable> read(UUID workspaceId, Selector selector) {
        return variables.find(workspaceId, selector).map(found -> {
            if (found == null) {
                throw PrefectHttpException.notFound(NOT_FOUND);
            }
            return found;
        });
    }

    /**
     * Writes the keys present. An explicit null name or tags would break a NOT NULL column, which Prefect answers
     * with its integrity-conflict 409; so do we. A rename onto a taken name is the same 409 (unique index).
     */
    public Uni<Void> update(UUID workspaceId, Selector selector, VariableUpdate update) {
        if (isExplicitNull(update.name()) || isExplicitNull(update.tags())) {
            return Uni.createFrom().failure(PrefectHttpException.conflict(PrefectErrorMappers.INTEGRITY_CONFLICT));
        }
        Changes changes = new Changes(JsonChecks.text(update.name()),
                update.value() == null ? null : jsonText(update.value()),
                update.tags() == null ? null : JsonChecks.strings(update.tags()));
        return variables.update(workspaceId, selector, changes).flatMap(VariableService::foundOrNotFound);
    }

    public Uni<Void> delete(UUID workspaceId, Selector selector) {
        return variables.delete(workspaceId, selector).flatMap(VariableService::foundOrNotFound);
    }

    public Uni<List<Variable>> filter(UUID workspaceId, VariableReadRequest request) {
        int limit = Paging.limit(request.limit());
        int offset = Paging.offset(request.offset());
        return variables.filter(workspaceId, request, limit, offset);
    }

    public Uni<Long> count(UUID workspaceId, VariableCountRequest request) {
        return variables.count(workspaceId, request);
    }

    /** Compact JSON text of a value; JSON null is stored as the JSON literal {@code null}. */
    private String jsonText(JsonNode value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isExplicitNull(JsonNode value) {
        return value != null && value.isNull();
    }

    private static Uni<Void> foundOrNotFound(boolean found) {
        return found ? Uni.createFrom().voidItem() : Uni.createFrom().failure(PrefectHttpException.notFound(NOT_FOUND));
    }
}
