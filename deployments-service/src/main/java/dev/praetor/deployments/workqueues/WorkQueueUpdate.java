package dev.praetor.deployments.workqueues;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;

/**
 * Body of {@code PATCH /work_pools/{pool}/queues/{name}} and {@code PATCH /work_queues/{id}}: only the keys present
 * in the request are written, so the body remembers which ones it saw (Jackson calls a setter only for those).
 */
public final class WorkQueueUpdate implements PrefectBody {
    private final Set<String> present = new HashSet<>();
    private String name;
    private String description;
    private Boolean isPaused;
    private Integer concurrencyLimit;
    private Integer priority;
    private OffsetDateTime lastPolled;
    private QueueFilter filter;

    @JsonProperty("name")
    void name(String value) {
        name = mark("name", value);
    }

    @JsonProperty("description")
    void description(String value) {
        description = mark("description", value);
    }

    @JsonProperty("is_paused")
    void isPaused(Boolean value) {
        isPaused = mark("is_paused", value);
    }

    @JsonProperty("concurrency_limit")
    void concurrencyLimit(Integer value) {
        concurrencyLimit = mark("concurrency_limit", value);
    }

    @JsonProperty("priority")
    void priority(Integer value) {
        priority = mark("priority", value);
    }

    @JsonProperty("last_polled")
    void lastPolled(OffsetDateTime value) {
        lastPolled = mark("last_polled", value);
    }

    @JsonProperty("filter")
    void filter(QueueFilter value) {
        filter = mark("filter", value);
    }

    private <T> T mark(String key, T value) {
        present.add(key);
        return value;
    }

    @Override
    public void validate(Errors errors) {
        errors.range("concurrency_limit", concurrencyLimit, 0, Integer.MAX_VALUE);
        errors.range("priority", priority, 1, Integer.MAX_VALUE);
    }

    boolean has(String key) {
        return present.contains(key);
    }

    String name() {
        return name;
    }

    String description() {
        return description;
    }

    Boolean isPaused() {
        return isPaused;
    }

    Integer concurrencyLimit() {
        return concurrencyLimit;
    }

    Integer priority() {
        return priority;
    }

    OffsetDateTime lastPolled() {
        return lastPolled;
    }

    QueueFilter filter() {
        return filter;
    }
}
