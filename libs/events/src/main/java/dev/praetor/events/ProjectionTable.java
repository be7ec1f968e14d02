package dev.praetor.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A projection: the table that keeps, per entity id, the columns of one snapshot topic that a service's filters
 * need. The table has {@code id uuid PRIMARY KEY, workspace_id uuid NOT NULL, version bigint NOT NULL, deleted
 * boolean NOT NULL} (see {@link ProjectionWriter}) plus {@link #columns()}, each nullable or with a default.
 * {@link ProjectionTables} holds the definitions shared by every service; a service keeps a subset with
 * {@link #only(String...)}.
 */
public record ProjectionTable(String topic, String table, List<ProjectionColumn> columns) {

    public ProjectionTable {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
    }

    /** The same projection keeping only the named columns (a service stores what its own filters read). */
    public ProjectionTable only(String... names) {
        Set<String> wanted = Set.of(names);
        List<ProjectionColumn> kept = new ArrayList<>();
        for (ProjectionColumn column : columns) {
            if (wanted.contains(column.name())) {
                kept.add(column);
            }
        }
        if (kept.size() != wanted.size()) {
            throw new IllegalArgumentException("unknown column among " + Arrays.toString(names) + " for " + table);
        }
        return new ProjectionTable(topic, table, kept);
    }

    /** The same projection stored in another table. */
    public ProjectionTable in(String otherTable) {
        return new ProjectionTable(topic, otherTable, columns);
    }

    public List<String> columnNames() {
        return columns.stream().map(ProjectionColumn::name).toList();
    }

    /**
     * The column values of a snapshot, in {@link #columns()} order.
     *
     * @throws IllegalArgumentException when a field holds something its column cannot store
     */
    public Map<String, Object> values(JsonNode data) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ProjectionColumn column : columns) {
            values.put(column.name(), column.read(data));
        }
        return values;
    }
}
