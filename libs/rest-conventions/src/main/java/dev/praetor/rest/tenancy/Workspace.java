package dev.praetor.rest.tenancy;

import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.json.Uuids;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * The workspace of the current request, taken from the internal header that only the gateway sets (it strips the
 * header from incoming requests). Every repository query is scoped by it; a request without one is refused.
 */
@RequestScoped
public class Workspace {
    public static final String HEADER = "X-Praetor-Workspace-Id";

    @Inject
    HttpServerRequest request;

    private UUID id;

    public UUID id() {
        if (id == null) {
            UUID parsed = Uuids.parseLenient(request.getHeader(HEADER));
            if (parsed == null) {
                throw new PrefectHttpException(400, "Missing or invalid workspace: requests must come through the gateway.");
            }
            id = parsed;
        }
        return id;
    }
}
