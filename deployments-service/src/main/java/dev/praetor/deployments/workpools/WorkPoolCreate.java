package dev.praetor.deployments.workpools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;

/** Body of {@code POST /work_pools/} (work-pools.md §1.4); unknown keys are rejected. */
public record WorkPoolCreate(String name, String description, String type, JsonNode base_job_template,
        Boolean is_paused, Integer concurrency_limit, WorkPoolStorageConfiguration storage_configuration)
        implements PrefectBody {
    static final String DEFAULT_TYPE = "prefect-agent";

    @Override
    public void validate(Errors errors) {
        errors.required("name", name);
        WorkPoolValidation.nonEmptyishName(errors, "name", name);
        errors.range("concurrency_limit", concurrency_limit, 0, Integer.MAX_VALUE);
        BaseJobTemplates.validate(errors, base_job_template);
    }

    String typeOrDefault() {
        return type == null ? DEFAULT_TYPE : type;
    }

    boolean paused() {
        return Boolean.TRUE.equals(is_paused);
    }
}
