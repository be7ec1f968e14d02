package dev.praetor.config.variables;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Relations;
import dev.praetor.rest.filter.SqlParams;
import dev.praetor.rest.filters.VariableFilter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The only place with SQL for the {@code variable} table. Every statement is scoped by workspace; values travel as
 * JSON text ({@code $n::text::json} in, {@code value::text} out).
 */
@ApplicationScoped
public class VariableRepository {
    private static final String COLUMNS = "v.id, v.created, v.updated, v.name, v.value::text AS value, v.tags";

    /** Which row a by-id or by-name route addresses. */
    public record Selector(String column, Object value) {
        static Selector byId(UUID id) {
            return new Selector("id", id);
        }

        static Selector byName(String name) {
            return new Selector("name", name);
        }
    }

    /** The columns a PATCH writes; a null field leaves its column alone. */
    public record Changes(String name, String valueJson, List<String> tags) {
    }

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    /** Inserts the variable unless its name is taken; null when it is. */
    public Uni<Variable> insert(UUID workspaceId, UUID id, String name, String valueJson, List<String> tags) {
        String sql = "INSERT INTO variable AS v (id, workspace_id, name, value, tags, created, updated) "
                + "VALUES ($1, $2, $3, $4::text::json, $5, now(), now()) ON CONFLICT (workspace_id, name) DO NOTHING "
                + "RETURNING " + COLUMNS;
        return pool.preparedQuery(sql).execute(Tuple.of(id, workspaceId, name, valueJson, tags.toArray(String[]::new)))
                .map(this::first);
    }

    public Uni<Variable> find(UUID workspaceId, Selector selector) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM variable v WHERE v.workspace_id = $1 AND v."
                + selector.column() + " = $2").execute(Tuple.of(workspaceId, selector.value())).map(this::first);
    }

    /** Writes the changes and bumps {@code updated}; false when no such variable exists. */
    public Uni<Boolean> update(UUID workspaceId, Selector selector, Changes changes) {
        SqlParams params = new SqlParams();
        List<String> sets = new ArrayList<>();
        if (changes.name() != null) {
            sets.add("name = " + params.bind(changes.name()));
        }
        if (changes.valueJson() != null) {
            sets.add("value = " + params.bind(changes.valueJson()) + "::text::json");
        }
        if (changes.tags() != null) {
            sets.add("tags = " + params.bind(changes.tags().toArray(String[]::new)) + "::text[]");
        }
        sets.add("updated = now()");
        String sql = "UPDATE variable v SET " + String.join(", ", sets) + " WHERE v.workspace_id = "
                + params.bind(workspaceId) + " AND v." + selector.column() + " = " + params.bind(selector.value());
        return pool.preparedQuery(sql).execute(params.tuple()).map(rows -> rows.rowCount() > 0);
    }

    public Uni<Boolean> delete(UUID workspaceId, Selector selector) {
        return pool.preparedQuery("DELETE FROM variable v WHERE v.workspace_id = $1 AND v." + selector.column() + " = $2")
                .execute(Tuple.of(workspaceId, selector.value())).map(rows -> rows.rowCount() > 0);
    }

    public Uni<List<Variable>> filter(UUID workspaceId, VariableReadRequest request, int limit, int offset) {
        SqlParams params = new SqlParams();
        String sql = "SELECT " + COLUMNS + " FROM variable v WHERE " + where(params, workspaceId, request.variables())
                + " ORDER BY " + request.sortOrDefault().orderBy("v")
                + " LIMIT " + params.bind(limit) + " OFFSET " + params.bind(offset);
        return pool.preparedQuery(sql).execute(params.tuple()).map(this::all);
    }

    public Uni<Long> count(UUID workspaceId, VariableCountRequest request) {
        SqlParams params = new SqlParams();
        String sql = "SELECT count(*) FROM variable v WHERE " + where(params, workspaceId, request.variables());
        return pool.preparedQuery(sql).execute(params.tuple()).map(rows -> rows.iterator().next().getLong(0));
    }

    private static String where(SqlParams params, UUID workspaceId, VariableFilter filter) {
        Conditions conditions = Conditions.all(params, Relations.NONE);
        conditions.add("v.workspace_id = " + params.bind(workspaceId));
        conditions.nested(filter, "v");
        return conditions.toSql();
    }

    private Variable first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : toVariable(rows.iterator().next());
    }

    private List<Variable> all(RowSet<Row> rows) {
        List<Variable> variables = new ArrayList<>(rows.size());
        for (Row row : rows) {
            variables.add(toVariable(row));
        }
        return variables;
    }

    private Variable toVariable(Row row) {
        return new Variable(row.getUUID("id"), row.getOffsetDateTime("created"), row.getOffsetDateTime("updated"),
                row.getString("name"), parse(row.getString("value")), Arrays.asList(row.getArrayOfStrings("tags")));
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
