package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.ValidationError;
import dev.praetor.rest.json.PrefectBody;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Body of {@code POST /flow_runs/{id}/input} (embedded keys). Prefect crashes with a 500 on a key outside
 * {@code ^[a-z0-9-]*$}; a 422 is the sane answer.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlowRunInputCreate(String key, String value, String sender) implements PrefectBody {
    private static final String KEY_PATTERN = "^[a-z0-9-]*$";
    private static final Pattern KEY = Pattern.compile(KEY_PATTERN);

    @Override
    public void validate(Errors errors) {
        errors.required("key", key).required("value", value);
        if (key != null && !KEY.matcher(key).matches()) {
            errors.add(new ValidationError("string_pattern_mismatch", errors.loc("key"),
                    "String should match pattern '" + KEY_PATTERN + "'", key, Map.of("pattern", KEY_PATTERN)));
        }
    }
}
