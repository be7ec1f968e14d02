package dev.praetor.deployments.workers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.filters.WorkerFilter;
import dev.praetor.rest.json.PrefectBody;

/** The embedded body of {@code POST /work_pools/{pool}/workers/filter}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkerReadRequest(WorkerFilter workers, Integer limit, Integer offset) implements PrefectBody {
}
