package dev.praetor.flows.flows;

import java.util.List;
import java.util.UUID;

public record FlowBulkDeleteResponse(List<UUID> deleted) {
}
