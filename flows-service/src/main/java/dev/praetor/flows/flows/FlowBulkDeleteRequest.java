package dev.praetor.flows.flows;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.filters.FlowFilter;
import dev.praetor.rest.json.PrefectBody;

/** Body of {@code POST /flows/bulk_delete}: the flows to delete ({@code null} = all), at most {@code limit}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlowBulkDeleteRequest(FlowFilter flows, Integer limit) implements PrefectBody {
}
