package dev.praetor.runs.concurrency;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;

/** Who holds a lease: {@code type} is {@code flow_run}, {@code task_run} or {@code deployment}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConcurrencyLeaseHolder(String type, UUID id) {
    static boolean validType(String type) {
        return "flow_run".equals(type) || "task_run".equals(type) || "deployment".equals(type);
    }
}
