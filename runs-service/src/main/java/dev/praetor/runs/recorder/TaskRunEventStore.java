package dev.praetor.runs.recorder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.events.Outbox;
import dev.praetor.events.SnapshotRecord;
import dev.praetor.rest.json.PrefectDateTimes;
import dev.praetor.runs.recorder.TaskRunRecorderRepository.ExistingTaskRun;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Writes a batch of task-run events in one transaction: the task runs they describe (inserted, or updated where the
 * event's state is newer than the stored one), every event's state in the history, and the snapshot of every changed
 * task run on the {@code task-runs} topic through the outbox.
 *
 * <p>Events name a task run by id and by natural key (flow run, task key, dynamic key). Events sharing either belong
 * to one row; a stored row found by natural key keeps its id even when events name another one (Prefect's rule). No
 * other row needs to exist: flow runs are not looked up.
 *
 * <p>Another writer (a second replica, {@code POST /task_runs/}) may insert the same task run meanwhile: the
 * transaction then fails on a unique key or finds its insert skipped, and is run again, seeing that row. An event
 * the database refuses (bad data) must not stop the recorder: the batch is then written event by event and such an
 * event is logged and dropped.
 */
@ApplicationScoped
public class TaskRunEventStore {
    public static final String TOPIC = "task-runs";
    private static final Logger LOG = Logger.getLogger(TaskRunEventStore.class);
    private static final int ATTEMPTS = 3;

    @Inject
    TaskRunRecorderRepository repository;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    /** Writes the events; fails when the database is unavailable or a conflict persists (the caller retries later). */
    public Uni<Void> store(List<TaskRunEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return withRetries(events).onFailure(TaskRunEventStore::isRefusal).recoverWithUni(refused -> {
            if (events.size() == 1) {
                TaskRunEvent event = events.get(0);
                LOG.errorf("Dropping task-run event %s of task run %s: %s", event.eventId(), event.taskRunId(), refused);
                return Uni.createFrom().voidItem();
            }
            return Multi.createFrom().iterable(events).onItem()
                    .transformToUniAndConcatenate(event -> store(List.of(event))).collect().last().replaceWithVoid();
        });
    }

    private Uni<Void> withRetries(List<TaskRunEvent> events) {
        return Uni.createFrom().deferred(() -> write(events))
                .onFailure(TaskRunEventStore::isConflict).retry().atMost(ATTEMPTS - 1);
    }

    private Uni<Void> write(List<TaskRunEvent> events) {
        return repository.pool().withTransaction(tx -> repository.findExisting(tx, events)
                .flatMap(existing -> write(tx, Plan.of(events, existing))));
    }

    private Uni<Void> write(SqlConnection tx, Plan plan) {
        return repository.insert(tx, plan.inserts).flatMap(inserted -> {
            if (inserted.size() != plan.inserts.size()) {
                return Uni.createFrom().failure(new ConcurrentInsertException());
            }
            return repository.update(tx, plan.updates).flatMap(updated -> repository.insertStates(tx, plan.states)
                    .flatMap(ignored -> {
                        List<SnapshotRecord> snapshots = new ArrayList<>(inserted.size() + updated.size());
                        inserted.forEach(row -> snapshots.add(snapshot(row, plan)));
                        updated.forEach(row -> snapshots.add(snapshot(row, plan)));
                        return outbox.appendAll(tx, snapshots);
                    }));
        });
    }

    /** The task run as Prefect's {@code TaskRun} shows it (without the read-time estimates), with its state. */
    private SnapshotRecord snapshot(Row row, Plan plan) {
        ObjectNode taskRun = JsonNodeFactory.instance.objectNode();
        UUID id = row.getUUID("id");
        taskRun.put("id", id.toString())
                .put("created", PrefectDateTimes.format(row.getOffsetDateTime("created")))
                .put("updated", PrefectDateTimes.format(row.getOffsetDateTime("updated")))
                .put("name", row.getString("name"))
                .put("flow_run_id", text(row.getUUID("flow_run_id")))
                .put("task_key", row.getString("task_key"))
                .put("dynamic_key", row.getString("dynamic_key"))
                .put("cache_key", row.getString("cache_key"))
                .put("cache_expiration", datetime(row.getOffsetDateTime("cache_expiration")))
                .put("task_version", row.getString("task_version"));
        taskRun.set("empirical_policy", json(row.getString("empirical_policy")));
        ArrayNode tags = taskRun.putArray("tags");
        Arrays.stream(row.getArrayOfStrings("tags")).forEach(tags::add);
        taskRun.set("labels", json(row.getString("labels")));
        taskRun.put("state_id", text(row.getUUID("state_id")));
        taskRun.set("task_inputs", json(row.getString("task_inputs")));
        taskRun.put("state_type", row.getString("state_type"))
                .put("state_name", row.getString("state_name"))
                .put("run_count", row.getInteger("run_count"))
                .put("flow_run_run_count", row.getInteger("flow_run_run_count"))
                .put("expected_start_time", datetime(row.getOffsetDateTime("expected_start_time")))
                .put("next_scheduled_start_time", datetime(row.getOffsetDateTime("next_scheduled_start_time")))
                .put("start_time", datetime(row.getOffsetDateTime("start_time")))
                .put("end_time", datetime(row.getOffsetDateTime("end_time")))
                .put("total_run_time", row.getDouble("total_run_time"));
        taskRun.set("state", plan.stateById.get(row.getUUID("state_id")));
        return new SnapshotRecord(TOPIC, id.toString(), row.getUUID("workspace_id"), row.getLong("version"), taskRun);
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    private static String datetime(OffsetDateTime value) {
        return value == null ? null : PrefectDateTimes.format(value);
    }

    /** Another writer got there first: running the transaction again sees its row. */
    private static boolean isConflict(Throwable failure) {
        if (failure instanceof ConcurrentInsertException) {
            return true;
        }
        String state = failure instanceof PgException pg ? pg.getSqlState() : null;
        return "23505".equals(state) || "23503".equals(state) || "40001".equals(state) || "40P01".equals(state);
    }

    /**
     * The database refused the data itself (a data exception or a constraint, not a conflict, not an outage):
     * retrying the same batch cannot help.
     */
    private static boolean isRefusal(Throwable failure) {
        if (!(failure instanceof PgException pg) || pg.getSqlState() == null || isConflict(failure)) {
            return false;
        }
        return pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23");
    }

    private static final class ConcurrentInsertException extends RuntimeException {
        ConcurrentInsertException() {
            super("a task run was inserted concurrently", null, false, false);
        }
    }

    /**
     * Which row each event is about, and what to write: one row per task run (the values of its newest event),
     * every event's state.
     */
    static final class Plan {
        final ArrayNode inserts = JsonNodeFactory.instance.arrayNode();
        final ArrayNode updates = JsonNodeFactory.instance.arrayNode();
        final ArrayNode states = JsonNodeFactory.instance.arrayNode();
        /** The states as served in {@code TaskRun.state}, by state id (= event id). */
        final Map<UUID, ObjectNode> stateById = new HashMap<>();

        static Plan of(List<TaskRunEvent> events, List<ExistingTaskRun> existing) {
            Map<TaskRunEvent.Key, UUID> stored = new HashMap<>();
            for (ExistingTaskRun row : existing) {
                stored.put(new TaskRunEvent.Key(row.workspaceId(), row.id(), null, null, null), row.id());
                stored.put(new TaskRunEvent.Key(row.workspaceId(), null, row.flowRunId(), row.taskKey(),
                        row.dynamicKey()), row.id());
            }
            // Events connected by an id or a natural key are about one task run.
            KeyGroups groups = new KeyGroups();
            events.forEach(event -> groups.union(event.idKey(), event.naturalKey()));
            Map<TaskRunEvent.Key, List<TaskRunEvent>> byGroup = new LinkedHashMap<>();
            events.forEach(event -> byGroup.computeIfAbsent(groups.find(event.idKey()), k -> new ArrayList<>()).add(event));

            // Each group's row: the stored one by natural key, else by id, else a new one; groups meeting on one
            // stored row merge.
            Map<TaskRunEvent.Key, List<TaskRunEvent>> byRow = new LinkedHashMap<>();
            Map<TaskRunEvent.Key, Boolean> isStored = new HashMap<>();
            for (List<TaskRunEvent> group : byGroup.values()) {
                TaskRunEvent newest = newest(group);
                UUID target = group.stream().map(e -> stored.get(e.naturalKey())).filter(id -> id != null).findFirst()
                        .orElseGet(() -> group.stream().map(e -> stored.get(e.idKey())).filter(id -> id != null)
                                .findFirst().orElse(null));
                TaskRunEvent.Key row = new TaskRunEvent.Key(newest.workspaceId(),
                        target != null ? target : newest.taskRunId(), null, null, null);
                byRow.computeIfAbsent(row, k -> new ArrayList<>()).addAll(group);
                isStored.put(row, target != null);
            }
            Plan plan = new Plan();
            byRow.forEach((row, rowEvents) -> {
                ObjectNode values = newest(rowEvents).row().deepCopy().put("id", row.id().toString());
                (isStored.get(row) ? plan.updates : plan.inserts).add(values);
                rowEvents.forEach(event -> plan.addState(event, row.id()));
            });
            return plan;
        }

        private void addState(TaskRunEvent event, UUID taskRunId) {
            ObjectNode state = event.state().deepCopy();
            ((ObjectNode) state.get("state_details")).put("task_run_id", taskRunId.toString());
            stateById.put(event.eventId(), state);
            states.add(state.deepCopy().put("workspace_id", event.workspaceId().toString())
                    .put("task_run_id", taskRunId.toString()));
        }

        /** The event with the newest state; of equal ones, the last in topic order. */
        private static TaskRunEvent newest(List<TaskRunEvent> events) {
            TaskRunEvent newest = events.get(0);
            for (TaskRunEvent event : events) {
                if (!event.stateTimestamp().isBefore(newest.stateTimestamp())) {
                    newest = event;
                }
            }
            return newest;
        }
    }

    /** Union-find over task-run keys. */
    private static final class KeyGroups {
        private final Map<TaskRunEvent.Key, TaskRunEvent.Key> parent = new HashMap<>();

        TaskRunEvent.Key find(TaskRunEvent.Key key) {
            TaskRunEvent.Key root = parent.getOrDefault(key, key);
            if (!root.equals(key)) {
                root = find(root);
                parent.put(key, root);
            }
            return root;
        }

        void union(TaskRunEvent.Key a, TaskRunEvent.Key b) {
            TaskRunEvent.Key rootA = find(a);
            TaskRunEvent.Key rootB = find(b);
            if (!rootA.equals(rootB)) {
                parent.put(rootB, rootA);
            }
        }
    }
}
