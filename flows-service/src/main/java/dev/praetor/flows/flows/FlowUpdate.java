package dev.praetor.flows.flows;

import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;
import java.util.List;

/** Body of {@code PATCH /flows/{id}}: only {@code tags} can change; an absent key changes nothing. */
public record FlowUpdate(List<String> tags) implements PrefectBody {
    @Override
    public void validate(Errors errors) {
        FlowValidation.tags(errors, tags);
    }
}
