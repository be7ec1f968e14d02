package dev.praetor.eventsservice.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Relations;
import dev.praetor.rest.filter.SqlParams;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The only place with SQL for {@code event} and {@code event_resource}. Every statement is scoped by workspace. */
@ApplicationScoped
public class EventRepository {
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, String>>> RELATED = new TypeReference<>() {
    };

    /**
     * One statement for a whole batch: the events travel as arrays; those not stored yet are inserted with their
     * resource rows (the primary resource with role '', then each related one) and reported back. A re-sent event
     * changes nothing.
     */
    private static final String INSERT_NEW = """
            WITH input AS (
              SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[], $6::text[],
                                   $7::text[], $8::text[], $9::uuid[], $10::timestamptz[])
                AS r(workspace_id, id, occurred, event, resource_id, resource, related, payload, follows, received)
            ), inserted AS (
              INSERT INTO event (workspace_id, id, occurred, event, resource_id, resource, related, payload, follows,
                                 received)
              SELECT workspace_id, id, occurred, event, resource_id, resource::jsonb, related::jsonb, payload::jsonb,
                     follows, received
                FROM input
              ON CONFLICT (workspace_id, id) DO NOTHING
              RETURNING workspace_id, id, occurred, resource_id, resource, related
            ), resources AS (
              INSERT INTO event_resource (workspace_id, event_id, occurred, resource_id, resource_role, labels)
              SELECT workspace_id, id, occurred, resource_id, '', resource - 'prefect.resource.id' - 'prefect.resource.role'
                FROM inserted
              UNION ALL
              SELECT i.workspace_id, i.id, i.occurred, r ->> 'prefect.resource.id', r ->> 'prefect.resource.role',
                     r - 'prefect.resource.id' - 'prefect.resource.role'
                FROM inserted i CROSS JOIN LATERAL jsonb_array_elements(i.related) AS r
            )
            SELECT workspace_id, id FROM inserted""";


    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    public Pool pool() {
        return pool;
    }

    /** Stores the events not stored yet and returns those it stored. */
    public Uni<List<WorkspaceEvent>> insertNew(SqlClient client, List<WorkspaceEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.createFrom().item(() -> insertParameters(events))
                .flatMap(params -> client.preparedQuery(INSERT_NEW).execute(params))
                .map(rows -> {
                    Set<WorkspaceEvent.Key> inserted = new HashSet<>();
                    for (Row row : rows) {
                        inserted.add(new WorkspaceEvent.Key(row.getUUID("workspace_id"), row.getUUID("id")));
                    }
                    return events.stream().filter(event -> inserted.contains(event.key())).toList();
                });
    }

    /** One page of the events that match, in the filter's order. */
    public Uni<List<ReceivedEvent>> read(UUID workspaceId, EventFilter filter, int limit, int offset) {
        SqlParams params = new SqlParams();
        String where = where(params, workspaceId, filter);
        // A distinct resource filter keeps each resource's first event in the requested order.
        String sql = filter.distinctResources()
                ? "SELECT " + columns("d") + " FROM (SELECT e.*, row_number() OVER (PARTITION BY e.resource_id"
                        + " ORDER BY " + filter.orderOrDefault().orderBy("e") + ") AS resource_rank FROM event e WHERE "
                        + where + ") d WHERE d.resource_rank = 1 ORDER BY " + filter.orderOrDefault().orderBy("d")
                : "SELECT " + columns("e") + " FROM event e WHERE " + where + " ORDER BY " + filter.orderOrDefault().orderBy("e");
        sql += " LIMIT " + params.bind(limit) + " OFFSET " + params.bind(offset);
        return pool.preparedQuery(sql).execute(params.tuple()).map(this::toEvents);
    }

    /** How many events match (how many distinct resources, for a {@code distinct} resource filter). */
    public Uni<Long> count(UUID workspaceId, EventFilter filter) {
        SqlParams params = new SqlParams();
        String counted = filter.distinctResources() ? "count(DISTINCT e.resource_id)" : "count(*)";
        String sql = "SELECT " + counted + " FROM event e WHERE " + where(params, workspaceId, filter);
        return pool.preparedQuery(sql).execute(params.tuple()).map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * Counts grouped by {@code value}, labelled with the label of the bucket's most recent event
     * ({@code value}/{@code label} are SQL expressions over {@code e} built from bound parameters of {@code params}).
     */
    public Uni<List<EventCount>> countBy(SqlParams params, UUID workspaceId, EventFilter filter, String value,
            String label, boolean chronological) {
        String where = where(params, workspaceId, filter);
        String sql = "WITH fundamental AS (SELECT " + value + " AS value, " + label + " AS label,"
                + " max(e.occurred) AS latest, min(e.occurred) AS oldest, count(*) AS count"
                + " FROM event e WHERE " + where + " GROUP BY 1, 2),"
                + " labelled AS (SELECT value, first_value(label) OVER (PARTITION BY value ORDER BY latest DESC) AS label,"
                + " latest, oldest, count FROM fundamental)"
                + " SELECT value, label, sum(count)::bigint AS count, min(oldest) AS start_time, max(latest) AS end_time"
                + " FROM labelled GROUP BY value, label"
                + (chronological ? " ORDER BY start_time ASC" : " ORDER BY count DESC, label ASC");
        return pool.preparedQuery(sql).execute(params.tuple()).map(rows -> {
            List<EventCount> counts = new ArrayList<>(rows.size());
            for (Row row : rows) {
                counts.add(new EventCount(row.getString("value"), row.getString("label"), row.getLong("count"),
                        row.getOffsetDateTime("start_time"), row.getOffsetDateTime("end_time")));
            }
            return counts;
        });
    }

    private static String columns(String alias) {
        return String.join(", ", alias + ".occurred", alias + ".event", alias + ".resource::text AS resource",
                alias + ".related::text AS related", alias + ".payload::text AS payload", alias + ".id",
                alias + ".follows", alias + ".received");
    }

    private static String where(SqlParams params, UUID workspaceId, EventFilter filter) {
        Conditions conditions = Conditions.all(params, Relations.NONE);
        String workspace = params.bind(workspaceId);
        conditions.add("e.workspace_id = " + workspace);
        EventOccurredFilter window = filter.occurred();
        EventScope scope = new EventScope(workspace, params.bind(window.since()), params.bind(window.until()));
        filter.addTo(conditions, scope);
        return conditions.toSql();
    }

    private Tuple insertParameters(List<WorkspaceEvent> events) {
        int n = events.size();
        UUID[] workspaceIds = new UUID[n];
        UUID[] ids = new UUID[n];
        OffsetDateTime[] occurred = new OffsetDateTime[n];
        String[] names = new String[n];
        String[] resourceIds = new String[n];
        String[] resources = new String[n];
        String[] related = new String[n];
        String[] payloads = new String[n];
        UUID[] follows = new UUID[n];
        OffsetDateTime[] received = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            ReceivedEvent event = events.get(i).event();
            workspaceIds[i] = events.get(i).workspaceId();
            ids[i] = event.id();
            occurred[i] = event.occurred();
            names[i] = event.event();
            resourceIds[i] = event.resourceId();
            resources[i] = json(event.resource());
            related[i] = json(event.related());
            payloads[i] = json(event.payload());
            follows[i] = event.follows();
            received[i] = event.received();
        }
        return Tuple.tuple().addArrayOfUUID(workspaceIds).addArrayOfUUID(ids).addArrayOfOffsetDateTime(occurred)
                .addArrayOfString(names).addArrayOfString(resourceIds).addArrayOfString(resources)
                .addArrayOfString(related).addArrayOfString(payloads).addArrayOfUUID(follows)
                .addArrayOfOffsetDateTime(received);
    }

    private List<ReceivedEvent> toEvents(RowSet<Row> rows) {
        List<ReceivedEvent> events = new ArrayList<>(rows.size());
        for (Row row : rows) {
            try {
                events.add(new ReceivedEvent(row.getOffsetDateTime("occurred"), row.getString("event"),
                        mapper.readValue(row.getString("resource"), LABELS),
                        mapper.readValue(row.getString("related"), RELATED),
                        (ObjectNode) mapper.readTree(row.getString("payload")), row.getUUID("id"),
                        row.getUUID("follows"), row.getOffsetDateTime("received")));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return events;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
