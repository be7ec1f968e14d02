package dev.praetor.deployments.clients;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.rest.json.PrefectDateTimes;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Bodies of runs-service's {@code /flow_runs/filter} and {@code /count} for the questions this service asks, in
 * Prefect's filter grammar (filters-runs.md): a request is a top-level object of filters plus sort, limit, offset.
 */
public final class FlowRunQueries {
    private final ObjectNode body = JsonNodeFactory.instance.objectNode();

    private FlowRunQueries() {
    }

    public static FlowRunQueries runs() {
        return new FlowRunQueries();
    }

    public FlowRunQueries deployments(Collection<UUID> deploymentIds) {
        ids(flowRuns().putObject("deployment_id").putArray("any_"), deploymentIds);
        return this;
    }

    /** Runs whose work queue is one of these (the {@code work_pool_queues} key of flow-run filters). */
    public FlowRunQueries workQueues(Collection<UUID> queueIds) {
        ids(body.putObject("work_pool_queues").putObject("id").putArray("any_"), queueIds);
        return this;
    }

    public FlowRunQueries workQueueNames(Collection<String> names) {
        ArrayNode any = flowRuns().putObject("work_queue_name").putArray("any_");
        names.forEach(any::add);
        return this;
    }

    /** Runs carrying every one of these tags. */
    public FlowRunQueries tagsAll(Collection<String> tags) {
        ArrayNode all = flowRuns().putObject("tags").putArray("all_");
        tags.forEach(all::add);
        return this;
    }

    public FlowRunQueries stateTypes(String... types) {
        ArrayNode any = state().putObject("type").putArray("any_");
        List.of(types).forEach(any::add);
        return this;
    }

    public FlowRunQueries stateNames(String... names) {
        ArrayNode any = state().putObject("name").putArray("any_");
        List.of(names).forEach(any::add);
        return this;
    }

    /** {@code next_scheduled_start_time} within the inclusive bounds that are not null. */
    public FlowRunQueries scheduledBetween(OffsetDateTime after, OffsetDateTime before) {
        if (after != null || before != null) {
            ObjectNode time = flowRuns().putObject("next_scheduled_start_time");
            if (after != null) {
                time.put("after_", PrefectDateTimes.format(after));
            }
            if (before != null) {
                time.put("before_", PrefectDateTimes.format(before));
            }
        }
        return this;
    }

    public FlowRunQueries sortByNextScheduledStartTime() {
        body.put("sort", "NEXT_SCHEDULED_START_TIME_ASC");
        return this;
    }

    public FlowRunQueries page(int limit, int offset) {
        body.put("limit", limit);
        body.put("offset", offset);
        return this;
    }

    public ObjectNode body() {
        return body;
    }

    private ObjectNode flowRuns() {
        return body.has("flow_runs") ? (ObjectNode) body.get("flow_runs") : body.putObject("flow_runs");
    }

    private ObjectNode state() {
        ObjectNode runs = flowRuns();
        return runs.has("state") ? (ObjectNode) runs.get("state") : runs.putObject("state");
    }

    private static void ids(ArrayNode target, Collection<UUID> ids) {
        ids.forEach(id -> target.add(id.toString()));
    }
}
