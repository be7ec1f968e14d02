package dev.praetor.runs.concurrency;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;
import java.util.List;
import java.util.UUID;

/** Body of {@code POST /concurrency_limits/tag/{tag}/reset}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SlotOverride(List<UUID> slot_override) implements PrefectBody {
    @Override
    public void validate(Errors errors) {
    }
}
