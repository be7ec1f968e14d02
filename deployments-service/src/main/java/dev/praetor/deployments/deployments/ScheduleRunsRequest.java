package dev.praetor.deployments.deployments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.json.PrefectBody;
import java.time.OffsetDateTime;

/** The embedded body of {@code POST /deployments/{id}/schedule} (deployments.md §3.12); every key is optional. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScheduleRunsRequest(OffsetDateTime start_time, OffsetDateTime end_time, Double min_time,
        Integer min_runs, Integer max_runs) implements PrefectBody {
}
