package dev.praetor.deployments.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.deployments.clients.RunsClient;
import dev.praetor.deployments.deployments.DeploymentRepository.StoredDeployment;
import dev.praetor.deployments.deployments.DeploymentResponse;
import dev.praetor.deployments.deployments.RunQueue;
import dev.praetor.deployments.schedules.PythonDates;
import dev.praetor.deployments.schedules.Schedule;
import dev.praetor.rest.json.PrefectDateTimes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Creates the auto-scheduled runs of one schedule through runs-service (deployments.md §9.2). Each run's idempotency
 * key names the deployment, the schedule and the date, so visiting a schedule again never duplicates a run.
 */
@ApplicationScoped
public class ScheduledRunFactory {
    static final String AUTO_SCHEDULED_TAG = "auto-scheduled";
    private static final int CONCURRENT_CREATES = 4;

    @Inject
    RunsClient runs;

    /** The schedule's identity as its runs record it ({@code created_by}) and its parameter overrides. */
    public record ScheduleRef(UUID id, String slug, Schedule schedule, JsonNode parameters) {
    }

    public Uni<Void> create(UUID workspaceId, StoredDeployment stored, ScheduleRef schedule, List<ZonedDateTime> dates) {
        if (dates.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<RunsClient.CreatedRun>> creates = dates.stream()
                .map(date -> runs.createFlowRun(workspaceId, body(stored, schedule, date))).toList();
        return Uni.join().all(creates).usingConcurrencyOf(CONCURRENT_CREATES).andFailFast().replaceWithVoid();
    }

    static ObjectNode body(StoredDeployment stored, ScheduleRef schedule, ZonedDateTime date) {
        DeploymentResponse deployment = stored.deployment();
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode run = json.objectNode();
        run.put("flow_id", deployment.flow_id().toString());
        run.put("deployment_id", deployment.id().toString());
        run.put("deployment_version", deployment.version());
        ObjectNode parameters = deployment.parameters() instanceof ObjectNode p ? p.deepCopy() : json.objectNode();
        if (schedule.parameters() instanceof ObjectNode overrides) {
            parameters.setAll(overrides);
        }
        run.set("parameters", parameters);
        run.put("infrastructure_document_id", deployment.infrastructure_document_id() == null ? null
                : deployment.infrastructure_document_id().toString());
        run.put("idempotency_key", "scheduled " + deployment.id() + " " + schedule.id() + " " + PythonDates.str(date));
        ArrayNode tags = run.putArray("tags").add(AUTO_SCHEDULED_TAG);
        deployment.tags().forEach(tags::add);
        run.set("labels", runLabels(deployment, null));
        RunQueue.of(stored).writeTo(run);
        run.put("auto_scheduled", true);
        ObjectNode createdBy = run.putObject("created_by");
        createdBy.put("id", schedule.id().toString());
        createdBy.put("type", "SCHEDULE");
        createdBy.put("display_value", schedule.slug() != null ? schedule.slug() : schedule.schedule().typeName());
        ObjectNode state = run.putObject("state");
        state.put("type", "SCHEDULED");
        state.put("name", "Scheduled");
        state.put("message", "Flow run scheduled");
        state.putObject("state_details").put("scheduled_time", PrefectDateTimes.format(date.toOffsetDateTime()));
        return run;
    }

    /** A run's labels: the deployment's, then {@code prefect.flow.id} and {@code prefect.deployment.id}, then extra. */
    public static ObjectNode runLabels(DeploymentResponse deployment, JsonNode extra) {
        ObjectNode labels = deployment.labels() instanceof ObjectNode own ? own.deepCopy()
                : JsonNodeFactory.instance.objectNode();
        labels.put("prefect.flow.id", deployment.flow_id().toString());
        labels.put("prefect.deployment.id", deployment.id().toString());
        if (extra instanceof ObjectNode more) {
            labels.setAll(more);
        }
        return labels;
    }
}
