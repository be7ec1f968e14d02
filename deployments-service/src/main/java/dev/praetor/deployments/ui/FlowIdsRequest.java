package dev.praetor.deployments.ui;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.ValidationError;
import dev.praetor.rest.json.PrefectBody;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The embedded body {@code {"flow_ids": [...]}} of the {@code /ui/flows} routes: required, at most 200 ids. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlowIdsRequest(List<UUID> flow_ids) implements PrefectBody {
    static final int MAX_IDS = 200;

    @Override
    public void validate(Errors errors) {
        errors.required("flow_ids", flow_ids);
        if (flow_ids != null && flow_ids.size() > MAX_IDS) {
            errors.add(new ValidationError("too_long", errors.loc("flow_ids"), "List should have at most " + MAX_IDS
                    + " items after validation, not " + flow_ids.size(), null, Map.of("max_length", MAX_IDS)));
        }
    }
}
