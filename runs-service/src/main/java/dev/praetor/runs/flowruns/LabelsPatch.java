package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import dev.praetor.rest.json.PrefectBody;
import java.util.LinkedHashMap;
import java.util.Map;

/** Body of {@code PATCH /flow_runs/{id}/labels}: the labels themselves (any keys, any JSON values), not wrapped. */
public final class LabelsPatch implements PrefectBody {
    private final Map<String, Object> labels = new LinkedHashMap<>();

    @JsonAnySetter
    void put(String key, Object value) {
        labels.put(key, value);
    }

    @JsonAnyGetter
    Map<String, Object> labels() {
        return labels;
    }
}
