package dev.praetor.deployments.deployments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.filters.DeploymentFilter;
import dev.praetor.rest.json.PrefectBody;

/** Body of {@code POST /deployments/bulk_delete}: the deployments to delete ({@code null} = all), at most {@code limit}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeploymentBulkDeleteRequest(DeploymentFilter deployments, Integer limit) implements PrefectBody {
}
