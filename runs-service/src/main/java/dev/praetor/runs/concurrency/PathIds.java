package dev.praetor.runs.concurrency;

import dev.praetor.rest.errors.RequestValidationException;
import dev.praetor.rest.errors.ValidationError;
import dev.praetor.rest.json.Uuids;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A path parameter FastAPI declares as {@code UUID} (not as a route pattern): a bad one is a 422. */
final class PathIds {
    private PathIds() {
    }

    static UUID uuid(String name, String text) {
        UUID id = Uuids.parseLenient(text);
        if (id == null) {
            throw new RequestValidationException(List.of(new ValidationError("uuid_parsing", List.of("path", name),
                    "Input should be a valid UUID, invalid length: expected length 32 for simple format, found " + text.length(),
                    text, Map.of("error", "invalid length: expected length 32 for simple format, found " + text.length()))), null);
        }
        return id;
    }
}
