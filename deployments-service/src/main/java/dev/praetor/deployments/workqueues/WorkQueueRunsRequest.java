package dev.praetor.deployments.workqueues;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.json.PrefectBody;
import java.time.OffsetDateTime;

/** The embedded body of {@code POST /work_queues/{id}/get_runs}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkQueueRunsRequest(Integer limit, OffsetDateTime scheduled_before) implements PrefectBody {
}
