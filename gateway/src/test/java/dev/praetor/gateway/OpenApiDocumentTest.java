package dev.praetor.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Merging the services' OpenAPI documents into the one document of /api/openapi.json. */
class OpenApiDocumentTest {

    private static JsonObject service(String path, String schema) {
        return new JsonObject()
                .put("paths", new JsonObject()
                        .put(path, new JsonObject().put("post", new JsonObject().put("operationId", path)))
                        .put("/q/health", new JsonObject().put("get", new JsonObject())))
                .put("components", new JsonObject().put("schemas", new JsonObject()
                        .put(schema, new JsonObject().put("type", "object"))
                        .put("Shared", new JsonObject().put("title", path))));
    }

    @Test
    void keepsEachServicesRoutedPathsAndMergesSchemas() {
        JsonObject merged = OpenApiDocument.merge(Map.of(
                "flows", service("/flows/filter", "FlowFilter"),
                "runs", service("/flow_runs/filter", "FlowRunFilter")));
        JsonObject paths = merged.getJsonObject("paths");
        assertTrue(paths.containsKey("/flows/filter"));
        assertTrue(paths.containsKey("/flow_runs/filter"));
        assertFalse(paths.containsKey("/q/health"), "service-internal paths are not part of the API");
        JsonObject schemas = merged.getJsonObject("components").getJsonObject("schemas");
        assertTrue(schemas.containsKey("FlowFilter") && schemas.containsKey("FlowRunFilter"));
        assertEquals(1, schemas.fieldNames().stream().filter("Shared"::equals).count());
        assertEquals("/api", merged.getJsonArray("servers").getJsonObject(0).getString("url"));
    }

    @Test
    void dropsPathsThatTheGatewayRoutesToAnotherService() {
        // flows-service declaring a runs path would be unreachable through the gateway, so it is not listed.
        JsonObject merged = OpenApiDocument.merge(Map.of("flows", service("/flow_runs/filter", "X")));
        assertFalse(merged.getJsonObject("paths").containsKey("/flow_runs/filter"));
    }

    @Test
    void listsTheGatewaysOwnRoutes() {
        JsonObject paths = OpenApiDocument.merge(Map.of()).getJsonObject("paths");
        assertTrue(paths.containsKey("/health"));
        assertTrue(paths.containsKey("/admin/version"));
        assertTrue(paths.getJsonObject("/csrf-token").containsKey("get"));
        assertTrue(paths.containsKey("/me/workspaces"));
        assertTrue(paths.getJsonObject("/accounts/{account_id}/workspaces/{workspace_id}").containsKey("get"));
        assertTrue(paths.getJsonObject("/automations/filter").containsKey("post"));
        assertTrue(paths.getJsonObject("/automations/count").containsKey("post"));
        assertTrue(paths.getJsonObject("/automations/related-to/{resource_id}").containsKey("get"));
        assertTrue(paths.getJsonObject("/automations/{id}").containsKey("get"));
    }

    @Test
    void declaresPathParametersThatAServiceLeftOut() {
        JsonObject item = new JsonObject().put("get", new JsonObject());
        JsonObject fixed = OpenApiDocument.declareMissingPathParameters("/work_pools/{pool}/workers/connect", item);
        JsonObject parameter = fixed.getJsonObject("get").getJsonArray("parameters").getJsonObject(0);
        assertEquals("pool", parameter.getString("name"));
        assertEquals("path", parameter.getString("in"));
    }
}
