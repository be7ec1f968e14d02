package dev.praetor.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The body of {@code GET /admin/settings}: the part of Prefect's server settings tree that means something for
 * Praetor, with Prefect's key names and nesting (other-resources.md §8). Display only; built once.
 */
@Singleton
public class AdminSettings {

    /** Prefect's {@code PREFECT_SERVER_API_DEFAULT_LIMIT}, which the services apply to every list. */
    private static final int DEFAULT_LIMIT = 200;
    /** Prefect's {@code PREFECT_SERVER_API_MAX_PARAMETER_SIZE}, which the services enforce. */
    private static final int MAX_PARAMETER_SIZE = 524_288;

    private final Buffer body;

    AdminSettings(@ConfigProperty(name = "quarkus.http.host") String host,
            @ConfigProperty(name = "quarkus.http.port") int port,
            @ConfigProperty(name = "quarkus.log.level") String logLevel) {
        JsonObject api = new JsonObject()
                .put("auth_string", null)
                .put("host", host)
                .put("port", port)
                .put("base_path", "/api")
                .put("default_limit", DEFAULT_LIMIT)
                .put("csrf_protection_enabled", false)
                .put("max_parameter_size", MAX_PARAMETER_SIZE);
        JsonObject server = new JsonObject()
                .put("logging_level", logLevel)
                .put("analytics_enabled", false)
                .put("metrics_enabled", false)
                .put("api", api)
                .put("ui", new JsonObject().put("enabled", false).put("api_url", null));
        body = new JsonObject().put("debug_mode", false).put("server", server).toBuffer();
    }

    Buffer body() {
        return body;
    }
}
