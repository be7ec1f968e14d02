package dev.praetor.deployments.workpools;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;
import java.util.HashSet;
import java.util.Set;

/** Body of {@code PATCH /work_pools/{name}}: only the keys present in the request are written (work-pools.md §1.4). */
public final class WorkPoolUpdate implements PrefectBody {
    private final Set<String> present = new HashSet<>();
    private String description;
    private Boolean isPaused;
    private JsonNode baseJobTemplate;
    private Integer concurrencyLimit;
    private WorkPoolStorageConfiguration storageConfiguration;

    @JsonProperty("description")
    void description(String value) {
        description = mark("description", value);
    }

    @JsonProperty("is_paused")
    void isPaused(Boolean value) {
        isPaused = mark("is_paused", value);
    }

    @JsonProperty("base_job_template")
    void baseJobTemplate(JsonNode value) {
        baseJobTemplate = mark("base_job_template", value);
    }

    @JsonProperty("concurrency_limit")
    void concurrencyLimit(Integer value) {
        concurrencyLimit = mark("concurrency_limit", value);
    }

    @JsonProperty("storage_configuration")
    void storageConfiguration(WorkPoolStorageConfiguration value) {
        storageConfiguration = mark("storage_configuration", value);
    }

    private <T> T mark(String key, T value) {
        present.add(key);
        return value;
    }

    @Override
    public void validate(Errors errors) {
        errors.range("concurrency_limit", concurrencyLimit, 0, Integer.MAX_VALUE);
        BaseJobTemplates.validate(errors, baseJobTemplate);
    }

    boolean has(String key) {
        return present.contains(key);
    }

    /** Whether the request changes anything but pausing and the concurrency limit (refused for reserved pools). */
    boolean changesMoreThanPauseOrLimit() {
        return present.stream().anyMatch(key -> !key.equals("is_paused") && !key.equals("concurrency_limit"));
    }

    String description() {
        return description;
    }

    Boolean isPaused() {
        return isPaused;
    }

    JsonNode baseJobTemplate() {
        return baseJobTemplate;
    }

    Integer concurrencyLimit() {
        return concurrencyLimit;
    }

    WorkPoolStorageConfiguration storageConfiguration() {
        return storageConfiguration;
    }
}
