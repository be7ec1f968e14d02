package dev.praetor.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * {@code GET /docs}: Swagger UI (its files come from SmallRye's {@code openapi-ui} jar, served by Quarkus under
 * {@code /openapi-ui/}) showing the merged document of {@code /api/openapi.json}.
 */
@Singleton
public class ApiDocsRoutes {

    private static final Buffer PAGE = Buffer.buffer("""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Praetor: the Prefect REST API</title>
              <link rel="stylesheet" href="/openapi-ui/swagger-ui.css">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="/openapi-ui/swagger-ui-bundle.js"></script>
              <script>
                window.ui = SwaggerUIBundle({url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true});
              </script>
            </body>
            </html>
            """);

    void install(@Observes Router router) {
        router.get("/docs").handler(context -> context.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8").end(PAGE));
    }
}
