package dev.praetor.deployments.workpools;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.filters.WorkPoolFilter;
import dev.praetor.rest.json.PrefectBody;

/** The embedded body of {@code /work_pools/filter} and {@code /count}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkPoolReadRequest(WorkPoolFilter work_pools, Integer limit, Integer offset) implements PrefectBody {
}
