package dev.praetor.config.blocks.documents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.config.blocks.documents.BlockDocumentReferences.Reference;
import dev.praetor.config.blocks.documents.BlockDocumentRepository.ReferenceRow;
import dev.praetor.config.blocks.documents.BlockDocumentRepository.StoredDocument;
import dev.praetor.config.blocks.documents.BlockDocumentRepository.TreeRow;
import dev.praetor.config.blocks.schemas.BlockSchema;
import dev.praetor.config.blocks.schemas.BlockSchemaRepository;
import dev.praetor.config.blocks.schemas.BlockSchemaService;
import dev.praetor.config.blocks.types.BlockTypeRepository;
import dev.praetor.rest.errors.PrefectErrorMappers;
import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.filters.BlockDocumentFilter;
import dev.praetor.rest.filters.BlockDocumentFilterBlockTypeId;
import dev.praetor.rest.filters.BlockDocumentFilterId;
import dev.praetor.rest.filters.BlockDocumentFilterIsAnonymous;
import dev.praetor.rest.filters.BlockDocumentFilterName;
import dev.praetor.rest.filters.BlockTypeFilter;
import dev.praetor.rest.filters.BlockTypeFilterSlug;
import dev.praetor.rest.json.Uuids;
import dev.praetor.rest.paging.Paging;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The rules of {@code /block_documents} (other-resources.md §4.3): references between documents, secrets obfuscated
 * on every read unless asked for, merge or replace on update, and posted-back obfuscated secrets left unchanged.
 */
@ApplicationScoped
public class BlockDocumentService {
    static final String NOT_FOUND = "Block document not found";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    BlockDocumentRepository documents;

    @Inject
    BlockTypeRepository types;

    @Inject
    BlockSchemaRepository schemaRows;

    @Inject
    BlockSchemaService schemas;

    @Inject
    ObjectMapper mapper;

    public Uni<BlockDocument> create(UUID workspaceId, BlockDocumentCreate create) {
        UUID id = Uuids.timeOrdered();
        // anonymous documents without a name get a random one
        String name = create.anonymous() && (create.name() == null || create.name().isEmpty())
                ? "anonymous-" + UUID.randomUUID()
                : create.name();
        return documents.pool().withTransaction(tx -> nameCheck(tx, workspaceId, create)
                .flatMap(ignored -> types.findById(tx, workspaceId, create.block_type_id()))
                .flatMap(type -> schemaRows.findBlockTypeId(tx, workspaceId, create.block_schema_id())
                        .flatMap(schemaType -> {
                            // a missing type or schema breaks a foreign key in Prefect: its integrity-conflict 409
                            if (type == null || schemaType == null) {
                                return Uni.createFrom().<Void>failure(integrityConflict());
                            }
                            BlockDocumentReferences split = BlockDocumentReferences.split(create.dataOrEmpty());
                            return requireExisting(tx, workspaceId, split)
                                    .flatMap(ignored -> documents.insert(tx, workspaceId, id, name, split.data(),
                                            create.anonymous(), type.name(), type.id(), create.block_schema_id()))
                                    .flatMap(ignored -> addReferences(tx, workspaceId, id, split.references()));
                        })))
                .flatMap(ignored -> read(workspaceId, id, false));
    }

    public Uni<BlockDocument> read(UUID workspaceId, UUID id, boolean includeSecrets) {
        BlockDocumentFilter byId = new BlockDocumentFilter(null,
                new BlockDocumentFilterId(List.of(id)), null, null, null);
        return first(read(workspaceId, new BlockDocumentQuery(byId, null, null, null, 1, 0), includeSecrets));
    }

    /** A document of the type with that slug, anonymous or not. */
    public Uni<BlockDocument> readByName(UUID workspaceId, String blockTypeSlug, String name, boolean includeSecrets) {
        BlockDocumentFilter byName = new BlockDocumentFilter(null, null, null, null,
                new BlockDocumentFilterName(List.of(name), null));
        BlockTypeFilter bySlug = new BlockTypeFilter(null, new BlockTypeFilterSlug(List.of(blockTypeSlug)));
        return first(read(workspaceId, new BlockDocumentQuery(byName, bySlug, null, null, 1, 0), includeSecrets));
    }

    /** The non-anonymous documents of a type, by name. */
    public Uni<List<BlockDocument>> readForType(UUID workspaceId, UUID blockTypeId, boolean includeSecrets) {
        BlockDocumentFilter ofType = new BlockDocumentFilter(null, null,
                BlockDocumentFilterIsAnonymous.NOT_ANONYMOUS,
                new BlockDocumentFilterBlockTypeId(List.of(blockTypeId)), null);
        return read(workspaceId, BlockDocumentQuery.all(ofType, null), includeSecrets);
    }

    public Uni<List<BlockDocument>> filter(UUID workspaceId, BlockDocumentReadRequest request) {
        int limit = Paging.limit(request.limit());
        int offset = Paging.offset(request.offset());
        BlockDocumentQuery query = new BlockDocumentQuery(request.block_documents(), request.block_types(),
                request.block_schemas(), request.sort(), limit, offset);
        return read(workspaceId, query, Boolean.TRUE.equals(request.include_secrets()));
    }

    public Uni<Long> count(UUID workspaceId, BlockDocumentCountRequest request) {
        return documents.count(workspaceId, new BlockDocumentQuery(request.block_documents(), request.block_types(),
                request.block_schemas(), null, null, 0));
    }

    public Uni<Void> update(UUID workspaceId, UUID id, BlockDocumentUpdate update) {
        return documents.pool().withTransaction(tx -> documents.findForUpdate(tx, workspaceId, id).flatMap(current -> {
            if (current == null) {
                return Uni.createFrom().<Void>failure(PrefectHttpException.notFound(NOT_FOUND));
            }
            if (update.mergeExistingData() && update.data() == null) {
                // Prefect only acts on the keys sent; without data there is nothing to write
                return Uni.createFrom().voidItem();
            }
            ObjectNode data = update.data() == null ? JSON.objectNode() : ((ObjectNode) update.data()).deepCopy();
            SecretFields.keepUnchangedSecrets(data, current.data(), current.secretFields());
            if (update.mergeExistingData()) {
                data = current.data().deepCopy().setAll(data);
            }
            BlockDocumentReferences split = BlockDocumentReferences.split(data);
            return schemaChange(tx, workspaceId, current, update.block_schema_id())
                    .flatMap(schemaId -> requireExisting(tx, workspaceId, split)
                            .flatMap(ignored -> documents.updateData(tx, workspaceId, id, split.data(), schemaId)))
                    .flatMap(ignored -> replaceReferences(tx, workspaceId, id, split.references()));
        }));
    }

    public Uni<Void> delete(UUID workspaceId, UUID id) {
        return documents.delete(workspaceId, id).flatMap(deleted -> deleted
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(PrefectHttpException.notFound(NOT_FOUND)));
    }

    private Uni<Void> nameCheck(SqlClient tx, UUID workspaceId, BlockDocumentCreate create) {
        if (create.name() == null) {
            return Uni.createFrom().voidItem();
        }
        return documents.nameTaken(tx, workspaceId, create.block_type_id(), create.name()).flatMap(taken -> taken
                ? Uni.createFrom().failure(PrefectHttpException.conflict("Block already exists"))
                : Uni.createFrom().voidItem());
    }

    /** The schema to move the document to, or null to keep its own; only a schema of the same type is allowed. */
    private Uni<UUID> schemaChange(SqlClient tx, UUID workspaceId, StoredDocument current, UUID proposed) {
        if (proposed == null || proposed.equals(current.blockSchemaId())) {
            return Uni.createFrom().nullItem();
        }
        return schemaRows.findBlockTypeId(tx, workspaceId, proposed).map(typeId -> {
            if (typeId == null) {
                throw integrityConflict();
            }
            if (!typeId.equals(current.blockTypeId())) {
                throw new PrefectHttpException(400, "Must migrate block document to a block schema of the same block type.");
            }
            return proposed;
        });
    }

    /** Referenced documents must exist in the workspace (a foreign key in Prefect). */
    private Uni<Void> requireExisting(SqlClient tx, UUID workspaceId, BlockDocumentReferences split) {
        List<UUID> ids = split.documentIds();
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return documents.existing(tx, workspaceId, ids).flatMap(found -> found.containsAll(ids)
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(integrityConflict()));
    }

    private Uni<Void> addReferences(SqlClient tx, UUID workspaceId, UUID parentId, List<Reference> references) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Reference reference : references) {
            chain = chain.flatMap(ignored -> addReference(tx, workspaceId, parentId, reference));
        }
        return chain;
    }

    private Uni<Void> addReference(SqlClient tx, UUID workspaceId, UUID parentId, Reference reference) {
        return documents.wouldFormCycle(tx, workspaceId, parentId, reference.documentId()).flatMap(cycle -> cycle
                ? Uni.createFrom().failure(new PrefectHttpException(400, "Cannot create block document reference: it "
                        + "would introduce a cycle into the block_document_reference graph (parent=" + parentId
                        + ", reference=" + reference.documentId() + ")."))
                : documents.insertReference(tx, workspaceId, parentId, reference.name(), reference.documentId()));
    }

    /** New references are added first, then the ones the new data no longer names are removed (Prefect's order). */
    private Uni<Void> replaceReferences(SqlClient tx, UUID workspaceId, UUID parentId, List<Reference> wanted) {
        return documents.references(tx, workspaceId, parentId).flatMap(current -> {
            List<Reference> added = new ArrayList<>();
            Set<ReferenceRow> kept = new LinkedHashSet<>();
            for (Reference reference : wanted) {
                ReferenceRow match = current.stream()
                        .filter(row -> row.name().equals(reference.name()) && row.documentId().equals(reference.documentId()))
                        .findFirst().orElse(null);
                if (match == null) {
                    added.add(reference);
                } else {
                    kept.add(match);
                }
            }
            Uni<Void> chain = addReferences(tx, workspaceId, parentId, added);
            for (ReferenceRow row : current) {
                if (!kept.contains(row)) {
                    chain = chain.flatMap(ignored -> documents.deleteReference(tx, row.id()));
                }
            }
            return chain;
        });
    }

    /**
     * Selects the documents, loads everything they reference, and builds each as Prefect serves it: secrets
     * obfuscated per the document's own schema, referenced documents' data inlined under their field names.
     */
    private Uni<List<BlockDocument>> read(UUID workspaceId, BlockDocumentQuery query, boolean includeSecrets) {
        return documents.selectIds(workspaceId, query)
                .flatMap(ids -> documents.loadWithReferences(workspaceId, ids).flatMap(tree -> {
                    Map<UUID, StoredDocument> roots = new LinkedHashMap<>();
                    Map<UUID, Map<String, StoredDocument>> children = new HashMap<>();
                    for (TreeRow row : tree) {
                        if (row.parentId() == null) {
                            roots.put(row.document().id(), row.document());
                        } else {
                            children.computeIfAbsent(row.parentId(), parent -> new LinkedHashMap<>())
                                    .put(row.name(), row.document());
                        }
                    }
                    List<UUID> schemaIds = roots.values().stream().map(StoredDocument::blockSchemaId).distinct().toList();
                    return schemas.readAll(workspaceId, schemaIds).map(schemasById -> {
                        List<BlockDocument> result = new ArrayList<>(ids.size());
                        for (UUID id : ids) {
                            StoredDocument root = roots.get(id);
                            if (root != null) {
                                Built built = build(root, children, includeSecrets, 0);
                                result.add(toDocument(root, built, schemasById.get(root.blockSchemaId())));
                            }
                        }
                        return result;
                    });
                }));
    }

    /** A document's data and references, with its referenced documents built recursively. */
    private record Built(ObjectNode data, ObjectNode references) {
    }

    private Built build(StoredDocument document, Map<UUID, Map<String, StoredDocument>> children,
            boolean includeSecrets, int depth) {
        ObjectNode data = document.data().deepCopy();
        if (!includeSecrets) {
            SecretFields.obfuscate(data, document.secretFields());
        }
        ObjectNode references = JSON.objectNode();
        if (depth < BlockDocumentRepository.MAX_REFERENCE_DEPTH) {
            children.getOrDefault(document.id(), Map.of()).forEach((name, child) -> {
                Built built = build(child, children, includeSecrets, depth + 1);
                data.set(name, built.data());
                ObjectNode described = JSON.objectNode();
                described.put("id", child.id().toString());
                described.put("name", child.name());
                described.set("block_type", mapper.valueToTree(child.blockType()));
                described.put("is_anonymous", child.anonymous());
                described.set("block_document_references", built.references());
                references.set(name, JSON.objectNode().set("block_document", described));
            });
        }
        return new Built(data, references);
    }

    private static BlockDocument toDocument(StoredDocument stored, Built built, BlockSchema schema) {
        return new BlockDocument(stored.id(), stored.created(), stored.updated(), stored.name(), built.data(),
                stored.blockSchemaId(), schema, stored.blockTypeId(), stored.blockTypeName(), stored.blockType(),
                built.references(), stored.anonymous());
    }

    private static Uni<BlockDocument> first(Uni<List<BlockDocument>> documents) {
        return documents.map(found -> {
            if (found.isEmpty()) {
                throw PrefectHttpException.notFound(NOT_FOUND);
            }
            return found.get(0);
        });
    }

    private static PrefectHttpException integrityConflict() {
        return PrefectHttpException.conflict(PrefectErrorMappers.INTEGRITY_CONFLICT);
    }
}
