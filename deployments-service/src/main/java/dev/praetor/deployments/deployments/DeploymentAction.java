package dev.praetor.deployments.deployments;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.ValidationError;
import dev.praetor.rest.json.PrefectBody;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The fields {@code DeploymentCreate} and {@code DeploymentUpdate} share. Both write only the keys present in the
 * request (an upsert of an existing deployment overwrites just those), so the body remembers which ones it saw:
 * Jackson calls a setter only for a key that is present.
 */
public abstract class DeploymentAction implements PrefectBody {
    private final Set<String> present = new HashSet<>();
    private String version;
    private String description;
    private String path;
    private String entrypoint;
    private Boolean paused;
    private Integer concurrencyLimit;
    private ConcurrencyOptions concurrencyOptions;
    private UUID globalConcurrencyLimitId;
    private JsonNode parameters;
    private JsonNode parameterOpenapiSchema;
    private List<String> tags;
    private String workQueueName;
    private String workPoolName;
    private JsonNode jobVariables;
    private JsonNode pullSteps;
    private UUID storageDocumentId;
    private UUID infrastructureDocumentId;
    private Boolean enforceParameterSchema;

    protected <T> T mark(String key, T value) {
        present.add(key);
        return value;
    }

    @JsonProperty("version")
    void version(String value) {
        version = mark("version", value);
    }

    @JsonProperty("description")
    void description(String value) {
        description = mark("description", value);
    }

    @JsonProperty("path")
    void path(String value) {
        path = mark("path", value);
    }

    @JsonProperty("entrypoint")
    void entrypoint(String value) {
        entrypoint = mark("entrypoint", value);
    }

    @JsonProperty("paused")
    void paused(Boolean value) {
        paused = mark("paused", value);
    }

    @JsonProperty("concurrency_limit")
    void concurrencyLimit(Integer value) {
        concurrencyLimit = mark("concurrency_limit", value);
    }

    @JsonProperty("concurrency_options")
    void concurrencyOptions(ConcurrencyOptions value) {
        concurrencyOptions = mark("concurrency_options", value);
    }

    @JsonProperty("global_concurrency_limit_id")
    void globalConcurrencyLimitId(UUID value) {
        globalConcurrencyLimitId = mark("global_concurrency_limit_id", value);
    }

    @JsonProperty("parameters")
    void parameters(JsonNode value) {
        parameters = mark("parameters", value);
    }

    @JsonProperty("parameter_openapi_schema")
    void parameterOpenapiSchema(JsonNode value) {
        parameterOpenapiSchema = mark("parameter_openapi_schema", value);
    }

    @JsonProperty("tags")
    void tags(List<String> value) {
        tags = mark("tags", value);
    }

    @JsonProperty("work_queue_name")
    void workQueueName(String value) {
        workQueueName = mark("work_queue_name", value);
    }

    @JsonProperty("work_pool_name")
    void workPoolName(String value) {
        workPoolName = mark("work_pool_name", value);
    }

    @JsonProperty("job_variables")
    void jobVariables(JsonNode value) {
        jobVariables = mark("job_variables", value);
    }

    @JsonProperty("pull_steps")
    void pullSteps(JsonNode value) {
        pullSteps = mark("pull_steps", value);
    }

    @JsonProperty("storage_document_id")
    void storageDocumentId(UUID value) {
        storageDocumentId = mark("storage_document_id", value);
    }

    @JsonProperty("infrastructure_document_id")
    void infrastructureDocumentId(UUID value) {
        infrastructureDocumentId = mark("infrastructure_document_id", value);
    }

    @JsonProperty("enforce_parameter_schema")
    void enforceParameterSchema(Boolean value) {
        enforceParameterSchema = mark("enforce_parameter_schema", value);
    }

    /** Accepted and ignored, as Prefect's OSS server does (a Cloud feature). */
    @JsonProperty("version_info")
    void versionInfo(JsonNode value) {
        mark("version_info", value);
    }

    @Override
    public void validate(Errors errors) {
        DeploymentValidation.positive(errors, "concurrency_limit", concurrencyLimit);
        if (concurrencyOptions != null) {
            concurrencyOptions.validate(errors.nested("concurrency_options"));
        }
        DeploymentValidation.object(errors, "parameters", parameters, this instanceof DeploymentUpdate);
        DeploymentValidation.object(errors, "parameter_openapi_schema", parameterOpenapiSchema, true);
        DeploymentValidation.object(errors, "job_variables", jobVariables, true);
        DeploymentValidation.listOfObjects(errors, "pull_steps", pullSteps);
        DeploymentValidation.tags(errors, tags);
        if (concurrencyLimit != null && concurrencyLimit != 0 && globalConcurrencyLimitId != null) {
            errors.add(new ValidationError("value_error", errors.loc(), "Value error, A deployment cannot have both a "
                    + "concurrency limit and a global concurrency limit.", null, Map.of("error", Map.of())));
        }
    }

    public boolean has(String key) {
        return present.contains(key);
    }

    public String version() {
        return version;
    }

    public String description() {
        return description;
    }

    public String path() {
        return path;
    }

    public String entrypoint() {
        return entrypoint;
    }

    public Boolean paused() {
        return paused;
    }

    public Integer concurrencyLimit() {
        return concurrencyLimit;
    }

    public ConcurrencyOptions concurrencyOptions() {
        return concurrencyOptions;
    }

    public UUID globalConcurrencyLimitId() {
        return globalConcurrencyLimitId;
    }

    public JsonNode parameters() {
        return parameters;
    }

    public JsonNode parameterOpenapiSchema() {
        return parameterOpenapiSchema;
    }

    public List<String> tags() {
        return tags;
    }

    public String workQueueName() {
        return workQueueName;
    }

    public String workPoolName() {
        return workPoolName;
    }

    public JsonNode jobVariables() {
        return jobVariables;
    }

    public JsonNode pullSteps() {
        return pullSteps;
    }

    public UUID storageDocumentId() {
        return storageDocumentId;
    }

    public UUID infrastructureDocumentId() {
        return infrastructureDocumentId;
    }

    public Boolean enforceParameterSchema() {
        return enforceParameterSchema;
    }
}
