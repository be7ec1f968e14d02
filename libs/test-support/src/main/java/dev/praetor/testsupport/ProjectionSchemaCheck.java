package dev.praetor.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.praetor.events.ProjectionColumn;
import dev.praetor.events.ProjectionTable;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Holds a service's projection migrations to its {@link ProjectionTable} declarations: the columns are written twice,
 * once in Java (what the feed writes) and once in the service's Flyway migration (what the table has), and nothing
 * else notices when the two drift apart until a snapshot fails to apply at run time.
 */
public final class ProjectionSchemaCheck {

    private static final Duration SQL_TIMEOUT = Duration.ofSeconds(30);
    /** Required: NOT NULL without a default, i.e. every insert must give a value. */
    private static final String REQUIRED = " NOT NULL";
    /** The columns ProjectionWriter manages in every projection table, and always writes. */
    private static final Map<String, String> MANAGED_COLUMNS = Map.of(
            "id", "uuid" + REQUIRED,
            "workspace_id", "uuid" + REQUIRED,
            "version", "int8" + REQUIRED,
            "deleted", "bool" + REQUIRED);

    private ProjectionSchemaCheck() {
    }

    /**
     * Asserts that the migrated database behind {@code pool} has exactly the declared projection tables (every
     * {@code *_projection} table of the schema), each with the managed columns plus exactly the declared ones, of
     * the declared types. A projection's own columns must not be required: a delete marker for an id never seen
     * carries none of them.
     */
    public static void assertMatches(Pool pool, List<ProjectionTable> declared) {
        Set<String> declaredTables = new TreeSet<>();
        declared.forEach(table -> declaredTables.add(table.table()));
        assertEquals(declaredTables, migratedProjectionTables(pool),
                "the *_projection tables of the migrations are the declared projections");
        for (ProjectionTable table : declared) {
            assertEquals(expectedColumns(table), migratedColumns(pool, table.table()),
                    "columns of " + table.table() + " (type, and NOT NULL when required) as declared for topic "
                            + table.topic());
        }
    }

    private static Map<String, String> expectedColumns(ProjectionTable table) {
        Map<String, String> columns = new TreeMap<>(MANAGED_COLUMNS);
        for (ProjectionColumn column : table.columns()) {
            columns.put(column.name(), sqlType(column.type()));
        }
        return columns;
    }

    /** PostgreSQL's name ({@code information_schema.columns.udt_name}) of the type a projection column binds. */
    private static String sqlType(ProjectionColumn.Type type) {
        return switch (type) {
            case UUID -> "uuid";
            case TEXT -> "text";
            case TEXT_ARRAY -> "_text";
            case TIMESTAMPTZ -> "timestamptz";
            case BOOLEAN -> "bool";
            case BIGINT -> "int8";
            case DOUBLE -> "float8";
            case JSONB -> "jsonb";
        };
    }

    private static Set<String> migratedProjectionTables(Pool pool) {
        Set<String> tables = new TreeSet<>();
        pool.query("""
                SELECT table_name FROM information_schema.tables
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                   AND table_name LIKE '%\\_projection'""")
                .execute().await().atMost(SQL_TIMEOUT).forEach(row -> tables.add(row.getString("table_name")));
        return tables;
    }

    private static Map<String, String> migratedColumns(Pool pool, String table) {
        Map<String, String> columns = new TreeMap<>();
        for (Row row : pool.preparedQuery("""
                SELECT column_name, udt_name, is_nullable = 'NO' AND column_default IS NULL AS required
                  FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = $1""")
                .execute(Tuple.of(table)).await().atMost(SQL_TIMEOUT)) {
            columns.put(row.getString("column_name"),
                    row.getString("udt_name") + (row.getBoolean("required") ? REQUIRED : ""));
        }
        return columns;
    }
}
