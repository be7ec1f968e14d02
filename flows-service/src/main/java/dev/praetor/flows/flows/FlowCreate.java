package dev.praetor.flows.flows;

import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;
import java.util.List;
import java.util.Map;

/** Body of {@code POST /flows/}; unknown keys are rejected (an action model). */
public record FlowCreate(String name, List<String> tags, Map<String, Object> labels) implements PrefectBody {
    /** Not a Prefect limit: it keeps every name within PostgreSQL's btree entry size (the unique index). */
    static final int MAX_NAME_LENGTH = 500;

    @Override
    public void validate(Errors errors) {
        errors.required("name", name).name("name", name, MAX_NAME_LENGTH);
        FlowValidation.tags(errors, tags);
        FlowValidation.labels(errors, labels);
    }

    List<String> tagsOrEmpty() {
        return tags == null ? List.of() : tags;
    }

    Map<String, Object> labelsOrEmpty() {
        return labels == null ? Map.of() : labels;
    }
}
