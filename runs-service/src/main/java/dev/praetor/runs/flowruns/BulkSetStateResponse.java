package dev.praetor.runs.flowruns;

import java.util.List;

public record BulkSetStateResponse(List<FlowRunOrchestrationResult> results) {
}
