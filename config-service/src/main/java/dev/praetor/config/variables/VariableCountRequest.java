package dev.praetor.config.variables;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.filters.VariableFilter;
import dev.praetor.rest.json.PrefectBody;

/** The embedded body of {@code POST /variables/count}: only the filter. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VariableCountRequest(VariableFilter variables) implements PrefectBody {
}
