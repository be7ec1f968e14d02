package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;
import java.util.List;

/** Body of {@code POST /flow_runs/{id}/input/filter}: keys starting with {@code prefix}, oldest first, {@code limit} (default 1). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlowRunInputFilterRequest(String prefix, Integer limit, List<String> exclude_keys) implements PrefectBody {

    @Override
    public void validate(Errors errors) {
        errors.required("prefix", prefix);
    }

    int limitOrDefault() {
        return limit == null ? 1 : Math.max(0, limit);
    }

    List<String> excludeKeysOrEmpty() {
        return exclude_keys == null ? List.of() : exclude_keys;
    }
}
