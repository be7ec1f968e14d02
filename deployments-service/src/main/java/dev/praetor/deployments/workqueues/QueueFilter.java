package dev.praetor.deployments.workqueues;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.UUID;

/** The deprecated legacy tag filter of agent-era queues; a core model, so unknown keys are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QueueFilter(List<String> tags, List<UUID> deployment_ids) {
}
