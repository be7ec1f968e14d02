package dev.praetor.deployments.workpools;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.json.PrefectBody;
import java.time.OffsetDateTime;
import java.util.List;

/** The embedded body of {@code POST /work_pools/{name}/get_scheduled_flow_runs} (work-pools.md §2.2). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkerScheduledRunsRequest(List<String> work_queue_names, OffsetDateTime scheduled_before,
        OffsetDateTime scheduled_after, Integer limit) implements PrefectBody {
}
