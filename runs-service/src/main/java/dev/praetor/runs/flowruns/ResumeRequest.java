package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.rest.json.PrefectBody;

/** Body of {@code POST /flow_runs/{id}/resume}: the input a paused run waits for (may be absent). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResumeRequest(ObjectNode run_input) implements PrefectBody {
}
