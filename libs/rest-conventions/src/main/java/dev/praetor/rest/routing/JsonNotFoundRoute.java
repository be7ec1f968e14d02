package dev.praetor.rest.routing;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Paths no route serves answer Prefect's JSON 404 rather than Vert.x' HTML page. */
@ApplicationScoped
public class JsonNotFoundRoute {
    private static final String BODY = "{\"detail\":\"Not Found\"}";

    void register(@Observes Router router) {
        router.route().order(Integer.MAX_VALUE).handler(ctx -> {
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(404).putHeader("content-type", "application/json").end(BODY);
            }
        });
    }
}
