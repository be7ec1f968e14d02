package dev.praetor.deployments.workqueues;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.filters.WorkQueueFilter;
import dev.praetor.rest.json.PrefectBody;

/** The embedded body of {@code /work_queues/filter} and {@code /work_pools/{pool}/queues/filter}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkQueueReadRequest(WorkQueueFilter work_queues, Integer limit, Integer offset) implements PrefectBody {
}
