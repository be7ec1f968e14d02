package dev.praetor.config.blocks.types;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.config.JsonChecks;
import dev.praetor.config.blocks.schemas.BlockSchemaService;
import dev.praetor.config.blocks.types.BlockTypeRepository.Change;
import dev.praetor.config.blocks.types.BlockTypeRepository.Changes;
import dev.praetor.config.blocks.types.SystemBlockTypes.SystemBlock;
import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.json.Uuids;
import dev.praetor.rest.paging.Paging;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The rules of {@code /block_types} (other-resources.md §4.1). */
@ApplicationScoped
public class BlockTypeService {
    static final String NOT_FOUND = "Block type not found";

    @Inject
    BlockTypeRepository types;

    @Inject
    BlockSchemaService schemas;

    @Inject
    SystemBlockTypes systemBlocks;

    /** Names starting with "prefect" are reserved; the description and code example are stored HTML-escaped. */
    public Uni<BlockType> create(UUID workspaceId, BlockTypeCreate create) {
        if (create.name().toLowerCase(Locale.ROOT).startsWith("prefect")) {
            return Uni.createFrom().failure(new PrefectHttpException(403,
                    "Block type names beginning with 'Prefect' are reserved."));
        }
        return types.insert(workspaceId, Uuids.timeOrdered(), create, HtmlText.escape(create.description()),
                HtmlText.escape(create.code_example())).map(created -> {
                    if (created == null) {
                        throw PrefectHttpException.conflict("Block type with name \"" + create.name() + "\" already exists");
                    }
                    return created;
                });
    }

    public Uni<BlockType> read(UUID workspaceId, UUID id) {
        return types.findById(types.pool(), workspaceId, id).map(BlockTypeService::orNotFound);
    }

    public Uni<BlockType> readBySlug(UUID workspaceId, String slug) {
        return types.findBySlug(types.pool(), workspaceId, slug).map(BlockTypeService::orNotFound);
    }

    public Uni<List<BlockType>> filter(UUID workspaceId, BlockTypeReadRequest request) {
        int limit = Paging.limit(request.limit());
        int offset = Paging.offset(request.offset());
        return types.filter(workspaceId, request, limit, offset);
    }

    /** Writes the keys present, unless they change nothing (which keeps concurrent registrations from writing). */
    public Uni<Void> update(UUID workspaceId, UUID id, BlockTypeUpdate update) {
        return read(workspaceId, id).flatMap(stored -> {
            if (!update.differsFrom(stored)) {
                return Uni.createFrom().voidItem();
            }
            return types.update(workspaceId, id, new Changes(change(update.logo_url()),
                    change(update.documentation_url()), change(update.description()), change(update.code_example())));
        });
    }

    public Uni<Void> delete(UUID workspaceId, UUID id) {
        return read(workspaceId, id).flatMap(stored -> {
            if (stored.is_protected()) {
                return Uni.createFrom().failure(new PrefectHttpException(403, "protected block types cannot be deleted."));
            }
            return types.delete(workspaceId, id);
        });
    }

    /** Installs (or refreshes) the protected system types and their schemas, each in its own transaction. */
    public Uni<Void> installSystemBlockTypes(UUID workspaceId) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (SystemBlock block : systemBlocks.blocks()) {
            chain = chain.flatMap(ignored -> types.pool().withTransaction(tx -> types
                    .upsertProtected(tx, workspaceId, Uuids.timeOrdered(), block.name(), block.slug(), block.logoUrl(),
                            block.documentationUrl(), HtmlText.escape(block.description()),
                            HtmlText.escape(block.codeExample()))
                    .flatMap(typeId -> schemas.registerSystemSchema(tx, workspaceId, block.fields(), typeId,
                            block.capabilities(), block.version()))
                    .replaceWithVoid()));
        }
        return chain;
    }

    private static Change change(JsonNode value) {
        return value == null ? null : new Change(JsonChecks.text(value));
    }

    private static BlockType orNotFound(BlockType type) {
        if (type == null) {
            throw PrefectHttpException.notFound(NOT_FOUND);
        }
        return type;
    }
}
