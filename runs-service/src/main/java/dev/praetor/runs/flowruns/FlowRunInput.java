package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Prefect's {@code FlowRunInput} (flow-runs.md §1.3): an opaque text value a paused run waits for. */
@JsonPropertyOrder({"id", "created", "updated", "flow_run_id", "key", "value", "sender"})
public record FlowRunInput(UUID id, OffsetDateTime created, OffsetDateTime updated, UUID flow_run_id, String key,
        String value, String sender) {
}
