package dev.praetor.config.variables;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.filters.VariableFilter;
import dev.praetor.rest.json.PrefectBody;

/** The embedded body of {@code POST /variables/filter}; unknown top-level keys are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VariableReadRequest(VariableFilter variables, VariableSort sort, Integer limit, Integer offset)
        implements PrefectBody {

    VariableSort sortOrDefault() {
        return sort == null ? VariableSort.NAME_ASC : sort;
    }
}
