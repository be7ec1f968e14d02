package dev.praetor.gateway;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * One OpenAPI 3 document for the whole API ({@code GET /api/openapi.json}): the SmallRye documents of the services
 * ({@code /q/openapi?format=json}) merged. A service's path is kept only when the gateway routes it to that service,
 * so the document lists exactly what is reachable; schemas are merged by name (the services share their Prefect
 * schema records, so equal names mean equal schemas; the first one wins). The gateway adds its own routes. Built on
 * first request and kept once every service has answered; while one is missing it is rebuilt on each request.
 */
@Singleton
public class OpenApiDocument {

    private static final Logger LOG = Logger.getLogger(OpenApiDocument.class);
    private static final String SERVICE_DOCUMENT = "/q/openapi?format=json";
    private static final long FETCH_TIMEOUT_MILLIS = 5_000;

    private final Upstreams upstreams;
    private volatile Buffer complete;

    OpenApiDocument(Upstreams upstreams) {
        this.upstreams = upstreams;
    }

    Future<Buffer> document() {
        Buffer cached = complete;
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        List<String> names = new ArrayList<>(new TreeMap<>(namesByUpstream()).keySet());
        List<Future<JsonObject>> fetches = names.stream().map(this::fetch).toList();
        return Future.join(fetches).transform(ignored -> {
            Map<String, JsonObject> documents = new TreeMap<>();
            for (int i = 0; i < names.size(); i++) {
                if (fetches.get(i).succeeded()) {
                    documents.put(names.get(i), fetches.get(i).result());
                }
            }
            Buffer merged = merge(documents).toBuffer();
            if (documents.size() == names.size()) {
                complete = merged;
            }
            return Future.succeededFuture(merged);
        });
    }

    private Map<String, Upstream> namesByUpstream() {
        Map<String, Upstream> byName = new TreeMap<>();
        upstreams.all().forEach(upstream -> byName.put(upstream.name(), upstream));
        return byName;
    }

    private Future<JsonObject> fetch(String name) {
        Upstream upstream = upstreams.get(name);
        return upstream.client()
                .request(new RequestOptions().setMethod(HttpMethod.GET).setURI(SERVICE_DOCUMENT)
                        .setTimeout(FETCH_TIMEOUT_MILLIS))
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("status " + response.statusCode()))
                .map(Buffer::toJsonObject)
                .onFailure(failure -> LOG.warnf("OpenAPI document of %s unavailable: %s", name, failure.getMessage()));
    }

    /** Merges service documents (by upstream name) into one; visible for tests. */
    static JsonObject merge(Map<String, JsonObject> documentsByUpstream) {
        JsonObject paths = new JsonObject();
        JsonObject schemas = new JsonObject();
        gatewayPaths(paths);
        documentsByUpstream.forEach((upstream, document) -> {
            JsonObject servicePaths = document.getJsonObject("paths", new JsonObject());
            for (String path : new TreeMap<>(servicePaths.getMap()).keySet()) {
                if (upstream.equals(RoutingTable.upstreamFor(path)) && !paths.containsKey(path)) {
                    paths.put(path, declareMissingPathParameters(path, servicePaths.getJsonObject(path).copy()));
                }
            }
            JsonObject serviceSchemas = document.getJsonObject("components", new JsonObject())
                    .getJsonObject("schemas", new JsonObject());
            for (String schema : serviceSchemas.fieldNames()) {
                if (!schemas.containsKey(schema)) {
                    schemas.put(schema, serviceSchemas.getJsonObject(schema));
                }
            }
        });
        JsonObject sortedPaths = new JsonObject(new TreeMap<>(paths.getMap()));
        JsonObject sortedSchemas = new JsonObject(new TreeMap<>(schemas.getMap()));
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", "Praetor: the Prefect REST API")
                        .put("version", RootRoutes.API_VERSION)
                        .put("description", "Prefect's orchestration API (version " + RootRoutes.API_VERSION
                                + "), served under /api and /api/accounts/{account_id}/workspaces/{workspace_id}."))
                .put("servers", new JsonArray().add(new JsonObject().put("url", "/api")))
                .put("paths", sortedPaths)
                .put("components", new JsonObject().put("schemas", sortedSchemas)
                        .put("securitySchemes", new JsonObject()
                                .put("apiKey", new JsonObject().put("type", "http").put("scheme", "bearer"))
                                .put("basicAuth", new JsonObject().put("type", "http").put("scheme", "basic"))));
    }

    private static final java.util.regex.Pattern TEMPLATE = java.util.regex.Pattern.compile("\\{([^}]+)}");
    private static final java.util.Set<String> METHODS = java.util.Set.of("get", "put", "post", "delete", "options",
            "head", "patch", "trace");

    /**
     * OpenAPI requires every {@code {name}} of a path template to be declared as a path parameter; SmallRye leaves
     * some out (e.g. a WebSocket endpoint's), so the missing ones are declared as strings.
     */
    static JsonObject declareMissingPathParameters(String path, JsonObject item) {
        java.util.regex.Matcher names = TEMPLATE.matcher(path);
        List<String> templated = new ArrayList<>();
        while (names.find()) {
            templated.add(names.group(1));
        }
        if (templated.isEmpty()) {
            return item;
        }
        java.util.Set<String> declaredForAll = declaredPathParameters(item.getJsonArray("parameters"));
        for (String method : item.fieldNames()) {
            if (!METHODS.contains(method)) {
                continue;
            }
            JsonObject operation = item.getJsonObject(method);
            JsonArray parameters = operation.getJsonArray("parameters", new JsonArray());
            java.util.Set<String> declared = declaredPathParameters(parameters);
            for (String name : templated) {
                if (!declared.contains(name) && !declaredForAll.contains(name)) {
                    parameters.add(new JsonObject().put("name", name).put("in", "path").put("required", true)
                            .put("schema", new JsonObject().put("type", "string")));
                }
            }
            operation.put("parameters", parameters);
        }
        return item;
    }

    private static java.util.Set<String> declaredPathParameters(JsonArray parameters) {
        java.util.Set<String> names = new java.util.HashSet<>();
        if (parameters != null) {
            for (Object parameter : parameters) {
                if (parameter instanceof JsonObject object && "path".equals(object.getString("in"))) {
                    names.add(object.getString("name"));
                }
            }
        }
        return names;
    }

    /** The routes the gateway answers itself (RootRoutes, CloudRoutes, AutomationRoutes). */
    private static void gatewayPaths(JsonObject paths) {
        for (RootRoutes.Route route : RootRoutes.Route.values()) {
            JsonObject item = new JsonObject();
            for (HttpMethod method : route.methods) {
                if (!HttpMethod.HEAD.equals(method)) {
                    item.put(method.name().toLowerCase(), operation(route.name().toLowerCase() + "_"
                            + method.name().toLowerCase(), "root"));
                }
            }
            paths.put(route.path, item);
        }
        paths.put("/me/workspaces", new JsonObject().put("get", operation("read_my_workspaces", "cloud")));
        paths.put("/accounts/{account_id}/workspaces/{workspace_id}", declareMissingPathParameters(
                "/accounts/{account_id}/workspaces/{workspace_id}",
                new JsonObject().put("get", operation("read_workspace", "cloud"))));
        paths.put("/openapi.json", new JsonObject().put("get", operation("openapi", "root")));
        paths.put("/automations/filter", new JsonObject().put("post", operation("read_automations", "automations")));
        paths.put("/automations/count", new JsonObject().put("post", operation("count_automations", "automations")));
        paths.put("/automations/related-to/{resource_id}", declareMissingPathParameters(
                "/automations/related-to/{resource_id}",
                new JsonObject().put("get", operation("read_automations_related_to_resource", "automations"))));
        paths.put("/automations/{id}", declareMissingPathParameters("/automations/{id}",
                new JsonObject().put("get", operation("read_automation", "automations"))));
    }

    private static JsonObject operation(String id, String tag) {
        return new JsonObject().put("operationId", id).put("tags", new JsonArray().add(tag))
                .put("responses", new JsonObject().put("200", new JsonObject().put("description", "Successful Response")
                        .put("content", new JsonObject().put("application/json", new JsonObject()
                                .put("schema", new JsonObject())))));
    }
}
