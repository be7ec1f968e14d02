package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.filters.FlowRunFilter;
import dev.praetor.rest.json.PrefectBody;

/** Body of {@code POST /flow_runs/bulk_delete}: the runs to delete ({@code null} = any), at most {@code limit}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BulkDeleteRequest(FlowRunFilter flow_runs, Integer limit) implements PrefectBody {
}
