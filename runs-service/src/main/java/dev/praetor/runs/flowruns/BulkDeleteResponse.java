package dev.praetor.runs.flowruns;

import java.util.List;
import java.util.UUID;

public record BulkDeleteResponse(List<UUID> deleted) {
}
