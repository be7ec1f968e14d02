package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.filters.FlowRunFilter;
import dev.praetor.rest.json.PrefectBody;
import dev.praetor.runs.states.StateCreate;

/** Body of {@code POST /flow_runs/bulk_set_state} (flow-runs.md §3.7). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BulkSetStateRequest(FlowRunFilter flow_runs, StateCreate state, Boolean force, Integer limit)
        implements PrefectBody {

    @Override
    public void validate(Errors errors) {
        errors.required("state", state);
        if (state != null) {
            state.validate(errors, "state");
        }
    }

    boolean forced() {
        return Boolean.TRUE.equals(force);
    }
}
