package dev.praetor.runs.states;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;

/**
 * The embedded body of {@code POST /flow_runs/{id}/set_state} and {@code /task_runs/{id}/set_state}:
 * {@code {"state": StateCreate, "force": false}}; unknown top-level keys are ignored, the state itself is strict.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SetStateRequest(StateCreate state, Boolean force) implements PrefectBody {

    @Override
    public void validate(Errors errors) {
        errors.required("state", state);
        if (state != null) {
            state.validate(errors, "state");
        }
    }

    public boolean forced() {
        return Boolean.TRUE.equals(force);
    }
}
