package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import dev.praetor.runs.taskruns.TaskRun;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The two graph shapes of a flow run (flow-runs.md §3.12, §3.13), built from its task runs and the subflow runs they
 * are placeholders of. Artifacts belong to artifacts-service and are not part of the graph here (always {@code []}),
 * and a subflow node is labelled with its run name alone (the flow's name is flows-service's).
 */
public final class FlowRunGraphs {
    /** PREFECT_SERVER_FLOW_RUN_GRAPH_MAX_NODES. */
    static final int MAX_NODES = 10_000;
    private static final String PARENTS_KEY = "__parents__";

    private FlowRunGraphs() {
    }

    /** An entry of the legacy graph: one task run and the task runs it used. */
    @JsonPropertyOrder({"id", "name", "upstream_dependencies", "state", "expected_start_time", "start_time", "end_time",
            "total_run_time", "estimated_run_time", "untrackable_result"})
    public record DependencyResult(UUID id, String name, List<Reference> upstream_dependencies, State state,
            OffsetDateTime expected_start_time, OffsetDateTime start_time, OffsetDateTime end_time, double total_run_time,
            double estimated_run_time, boolean untrackable_result) {
    }

    @JsonPropertyOrder({"input_type", "id"})
    public record Reference(String input_type, UUID id) {
    }

    @JsonPropertyOrder({"start_time", "end_time", "root_node_ids", "nodes", "artifacts", "states"})
    public record Graph(OffsetDateTime start_time, OffsetDateTime end_time, List<UUID> root_node_ids, List<NodeEntry> nodes,
            List<Object> artifacts, List<GraphState> states) {
    }

    /** Serialised as Prefect's 2-element array {@code [id, node]}. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"id", "node"})
    public record NodeEntry(UUID id, Node node) {
    }

    @JsonPropertyOrder({"kind", "id", "label", "state_type", "start_time", "end_time", "parents", "children",
            "encapsulating", "artifacts"})
    public record Node(String kind, UUID id, String label, StateType state_type, OffsetDateTime start_time,
            OffsetDateTime end_time, List<Edge> parents, List<Edge> children, List<Edge> encapsulating,
            List<Object> artifacts) {
    }

    public record Edge(UUID id) {
    }

    @JsonPropertyOrder({"id", "timestamp", "type", "name"})
    public record GraphState(UUID id, OffsetDateTime timestamp, StateType type, String name) {
    }

    static List<DependencyResult> dependencies(List<TaskRun> taskRuns) {
        List<DependencyResult> results = new ArrayList<>(taskRuns.size());
        for (TaskRun task : taskRuns) {
            Set<UUID> upstream = new LinkedHashSet<>();
            forEachReference(task.task_inputs(), (key, reference) -> {
                UUID id = parseOrNull(reference.path("id").asText(null));
                if ("task_run".equals(reference.path("input_type").asText()) && id != null) {
                    upstream.add(id);
                }
            });
            boolean untrackable = task.state() != null && task.state().state_details().untrackable_result();
            results.add(new DependencyResult(task.id(), task.name(),
                    upstream.stream().map(id -> new Reference("task_run", id)).toList(), task.state(),
                    task.expected_start_time(), task.start_time(), task.end_time(), task.total_run_time(),
                    task.estimated_run_time(), untrackable));
        }
        return results;
    }

    /** A node before its edges are known. */
    private record Draft(UUID id, String kind, String label, StateType stateType, OffsetDateTime start, OffsetDateTime end,
            ObjectNode inputs) {
    }

    static Graph graph(FlowRunResponse run, List<State> states, List<TaskRun> taskRuns, Map<UUID, FlowRunResponse> subflowsByTask,
            OffsetDateTime since) {
        Map<UUID, UUID> nodeOfTask = new HashMap<>();
        List<Draft> drafts = new ArrayList<>();
        for (TaskRun task : taskRuns) {
            FlowRunResponse subflow = subflowsByTask.get(task.id());
            OffsetDateTime start = firstNonNull(subflow == null ? null : subflow.start_time(),
                    subflow == null ? null : subflow.expected_start_time(), task.start_time(), task.expected_start_time());
            if (start == null) {
                continue;
            }
            OffsetDateTime end = subflow != null && subflow.end_time() != null ? subflow.end_time()
                    : task.end_time() != null ? task.end_time()
                    : task.state_type() == StateType.COMPLETED ? task.expected_start_time() : null;
            Draft draft = subflow == null
                    ? new Draft(task.id(), "task-run", task.name(), task.state_type(), start, end, task.task_inputs())
                    : new Draft(subflow.id(), "flow-run", subflow.name(), subflow.state_type(), start, end, task.task_inputs());
            nodeOfTask.put(task.id(), draft.id());
            drafts.add(draft);
        }
        if (drafts.size() > MAX_NODES) {
            throw new PrefectHttpException(400, "The graph of flow run " + run.id() + " has more than " + MAX_NODES + " nodes.");
        }
        Map<UUID, Draft> byId = new LinkedHashMap<>();
        drafts.forEach(d -> byId.put(d.id(), d));
        Map<UUID, Set<UUID>> parents = new HashMap<>();
        Map<UUID, Set<UUID>> children = new HashMap<>();
        Map<UUID, Set<UUID>> encapsulating = new HashMap<>();
        for (Draft draft : drafts) {
            forEachReference(draft.inputs(), (key, reference) -> {
                UUID taskRunId = parseOrNull(reference.path("id").asText(null));
                UUID referenced = taskRunId == null ? null : nodeOfTask.get(taskRunId);
                if (referenced == null || referenced.equals(draft.id())) {
                    return;
                }
                if (PARENTS_KEY.equals(key)) {
                    encapsulating.computeIfAbsent(draft.id(), k -> new LinkedHashSet<>()).add(referenced);
                } else {
                    parents.computeIfAbsent(draft.id(), k -> new LinkedHashSet<>()).add(referenced);
                    children.computeIfAbsent(referenced, k -> new LinkedHashSet<>()).add(draft.id());
                }
            });
        }
        Comparator<UUID> byStart = Comparator.comparing(id -> byId.get(id).start());
        List<NodeEntry> nodes = new ArrayList<>();
        List<UUID> roots = new ArrayList<>();
        drafts.stream()
                .filter(d -> d.end() == null || since == null || !d.end().isBefore(since))
                .sorted(Comparator.comparing(Draft::start).thenComparing(Draft::end, Comparator.nullsLast(Comparator.naturalOrder())))
                .forEach(d -> {
                    List<Edge> up = edges(parents.get(d.id()), byStart);
                    if (up.isEmpty()) {
                        roots.add(d.id());
                    }
                    nodes.add(new NodeEntry(d.id(), new Node(d.kind(), d.id(), d.label(), d.stateType(), d.start(), d.end(), up,
                            edges(children.get(d.id()), byStart), edges(encapsulating.get(d.id()), byStart), List.of())));
                });
        List<GraphState> graphStates = states.stream().map(s -> new GraphState(s.id(), s.timestamp(), s.type(), s.name())).toList();
        OffsetDateTime start = run.start_time() != null ? run.start_time() : run.expected_start_time();
        return new Graph(start, run.end_time(), roots, nodes, List.of(), graphStates);
    }

    private static List<Edge> edges(Set<UUID> ids, Comparator<UUID> order) {
        return ids == null ? List.of() : ids.stream().sorted(order).map(Edge::new).toList();
    }

    private interface ReferenceVisitor {
        void visit(String inputName, JsonNode reference);
    }

    private static void forEachReference(ObjectNode inputs, ReferenceVisitor visitor) {
        if (inputs == null) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = inputs.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> input = it.next();
            for (JsonNode reference : input.getValue()) {
                visitor.visit(input.getKey(), reference);
            }
        }
    }

    private static UUID parseOrNull(String text) {
        return dev.praetor.rest.json.Uuids.parseLenient(text);
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
