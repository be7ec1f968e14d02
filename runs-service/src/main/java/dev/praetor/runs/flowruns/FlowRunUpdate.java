package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.ValidationError;
import dev.praetor.rest.json.PrefectBody;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Body of {@code PATCH /flow_runs/{id}} (flow-runs.md §1.5): only the keys present in the request are written, so
 * the body remembers which ones it saw (Jackson calls a setter only for a key that is present).
 */
public final class FlowRunUpdate implements PrefectBody {
    enum Field {
        NAME, FLOW_VERSION, PARAMETERS, EMPIRICAL_POLICY, TAGS, INFRASTRUCTURE_PID, JOB_VARIABLES
    }

    private final Set<Field> present = EnumSet.noneOf(Field.class);
    private String name;
    private String flowVersion;
    private Map<String, Object> parameters;
    private FlowRunPolicy empiricalPolicy;
    private List<String> tags;
    private String infrastructurePid;
    private Map<String, Object> jobVariables;

    @JsonProperty("name")
    void setName(String value) {
        name = value;
        present.add(Field.NAME);
    }

    @JsonProperty("flow_version")
    void setFlowVersion(String value) {
        flowVersion = value;
        present.add(Field.FLOW_VERSION);
    }

    @JsonProperty("parameters")
    void setParameters(Map<String, Object> value) {
        parameters = value;
        present.add(Field.PARAMETERS);
    }

    @JsonProperty("empirical_policy")
    void setEmpiricalPolicy(FlowRunPolicy value) {
        empiricalPolicy = value;
        present.add(Field.EMPIRICAL_POLICY);
    }

    @JsonProperty("tags")
    void setTags(List<String> value) {
        tags = value;
        present.add(Field.TAGS);
    }

    @JsonProperty("infrastructure_pid")
    void setInfrastructurePid(String value) {
        infrastructurePid = value;
        present.add(Field.INFRASTRUCTURE_PID);
    }

    @JsonProperty("job_variables")
    void setJobVariables(Map<String, Object> value) {
        jobVariables = value;
        present.add(Field.JOB_VARIABLES);
    }

    @Override
    public void validate(Errors errors) {
        if (present.contains(Field.PARAMETERS) && parameters == null) {
            errors.add(ValidationError.of("dict_type", errors.loc("parameters"), "Input should be a valid dictionary", null));
        }
        if (present.contains(Field.TAGS) && tags == null) {
            errors.add(ValidationError.of("list_type", errors.loc("tags"), "Input should be a valid list", null));
        }
        RunValidation.parameters(errors, parameters);
        RunValidation.tags(errors, tags);
    }

    /** {@code {}}: nothing to write. */
    boolean isEmpty() {
        return present.isEmpty();
    }

    boolean has(Field field) {
        return present.contains(field);
    }

    String name() {
        return name;
    }

    String flowVersion() {
        return flowVersion;
    }

    Map<String, Object> parameters() {
        return parameters;
    }

    FlowRunPolicy empiricalPolicy() {
        return empiricalPolicy;
    }

    List<String> tags() {
        return tags;
    }

    String infrastructurePid() {
        return infrastructurePid;
    }

    Map<String, Object> jobVariables() {
        return jobVariables;
    }
}
