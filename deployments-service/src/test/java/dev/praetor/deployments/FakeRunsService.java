package dev.praetor.deployments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.rest.tenancy.Workspace;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A stand-in for runs-service's {@code /flow_runs} API (the contract this service uses), in memory: creation with
 * idempotency keys, the filter criteria this service sends, count and bulk delete. Runs-service itself is another
 * module and cannot run inside these tests; the stand-in also records exactly what this service asked for.
 */
public class FakeRunsService implements QuarkusTestResourceLifecycleManager {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Run> RUNS = new CopyOnWriteArrayList<>();
    private static final List<ObjectNode> CREATE_REQUESTS = new CopyOnWriteArrayList<>();
    private static volatile boolean failing;
    private Vertx vertx;

    /** A stored run and its workspace. */
    public record Run(UUID workspaceId, ObjectNode body) {
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(buffer -> {
            try {
                handle(request, buffer.length() == 0 ? JSON.createObjectNode() : JSON.readTree(buffer.getBytes()));
            } catch (Exception e) {
                request.response().setStatusCode(500).end("{\"exception_message\": \"" + e + "\"}");
            }
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fake runs-service did not start", e);
        }
        return Map.of("praetor.services.runs-url", "http://127.0.0.1:" + server.actualPort());
    }

    @Override
    public void stop() {
        vertx.close();
    }

    /** Runs of a workspace, in creation order. */
    public static List<ObjectNode> runs(UUID workspaceId) {
        return RUNS.stream().filter(run -> run.workspaceId().equals(workspaceId)).map(Run::body).toList();
    }

    /** Every body {@code POST /flow_runs/} received for a workspace (idempotent repeats included). */
    public static List<ObjectNode> createRequests(UUID workspaceId) {
        return CREATE_REQUESTS.stream().filter(body -> workspaceId.toString().equals(body.path("_workspace").asText()))
                .toList();
    }

    /** Adds a run as if another client had created it (e.g. one in a state the tests need). */
    public static ObjectNode put(UUID workspaceId, ObjectNode body) {
        ObjectNode run = body.deepCopy();
        run.put("id", UUID.randomUUID().toString());
        RUNS.add(new Run(workspaceId, run));
        return run;
    }

    /** While set, every request is answered with a 503 (runs-service unavailable). */
    public static void setFailing(boolean value) {
        failing = value;
    }

    private static void handle(HttpServerRequest request, JsonNode body) throws Exception {
        if (failing) {
            request.response().setStatusCode(503).end("{\"exception_message\": \"Service Unavailable\"}");
            return;
        }
        UUID workspaceId = UUID.fromString(request.getHeader(Workspace.HEADER));
        String path = request.path();
        if (path.equals("/flow_runs/")) {
            ObjectNode recorded = ((ObjectNode) body).deepCopy().put("_workspace", workspaceId.toString());
            CREATE_REQUESTS.add(recorded);
            create(request, workspaceId, (ObjectNode) body);
        } else if (path.equals("/flow_runs/filter")) {
            List<ObjectNode> matching = matching(workspaceId, body);
            if ("NEXT_SCHEDULED_START_TIME_ASC".equals(body.path("sort").asText())) {
                matching.sort(Comparator.comparing(run -> run.path("next_scheduled_start_time").asText()));
            }
            int offset = body.path("offset").asInt(0);
            int limit = body.path("limit").asInt(200);
            ArrayNode page = JSON.createArrayNode();
            matching.stream().skip(offset).limit(limit).forEach(page::add);
            ok(request, 200, page);
        } else if (path.equals("/flow_runs/count")) {
            ok(request, 200, JSON.getNodeFactory().numberNode(matching(workspaceId, body).size()));
        } else if (path.equals("/flow_runs/bulk_delete")) {
            List<ObjectNode> doomed = matching(workspaceId, body);
            RUNS.removeIf(run -> doomed.contains(run.body()));
            ArrayNode deleted = JSON.createArrayNode();
            doomed.forEach(run -> deleted.add(run.get("id")));
            ok(request, 200, JSON.createObjectNode().set("deleted", deleted));
        } else {
            request.response().setStatusCode(404).end("{\"detail\": \"Not Found\"}");
        }
    }

    private static void create(HttpServerRequest request, UUID workspaceId, ObjectNode body) throws Exception {
        String key = body.path("idempotency_key").asText(null);
        if (key != null) {
            for (Run run : RUNS) {
                if (run.workspaceId().equals(workspaceId) && key.equals(run.body().path("idempotency_key").asText(null))
                        && body.path("flow_id").equals(run.body().path("flow_id"))) {
                    ok(request, 200, run.body());
                    return;
                }
            }
        }
        ObjectNode run = body.deepCopy();
        run.put("id", UUID.randomUUID().toString());
        if (run.path("name").isNull() || run.path("name").isMissingNode()) {
            run.put("name", "fake-run");
        }
        JsonNode state = body.path("state");
        run.put("state_type", state.path("type").asText("PENDING"));
        run.put("state_name", state.path("name").asText("Pending"));
        run.set("next_scheduled_start_time", state.path("state_details").path("scheduled_time"));
        run.put("run_count", 0);
        RUNS.add(new Run(workspaceId, run));
        ok(request, 201, run);
    }

    private static List<ObjectNode> matching(UUID workspaceId, JsonNode body) {
        Predicate<ObjectNode> filter = run -> true;
        JsonNode runs = body.path("flow_runs");
        filter = filter.and(anyOf(runs.path("id").path("any_"), run -> run.path("id").asText()));
        filter = filter.and(anyOf(runs.path("deployment_id").path("any_"), run -> run.path("deployment_id").asText()));
        filter = filter.and(anyOf(runs.path("work_queue_name").path("any_"), run -> run.path("work_queue_name").asText()));
        filter = filter.and(anyOf(runs.path("state").path("type").path("any_"), run -> run.path("state_type").asText()));
        filter = filter.and(anyOf(runs.path("state").path("name").path("any_"), run -> run.path("state_name").asText()));
        filter = filter.and(anyOf(body.path("work_pool_queues").path("id").path("any_"),
                run -> run.path("work_queue_id").asText()));
        JsonNode tagsAll = runs.path("tags").path("all_");
        if (tagsAll.isArray()) {
            filter = filter.and(run -> {
                List<String> tags = new ArrayList<>();
                run.path("tags").forEach(tag -> tags.add(tag.asText()));
                for (JsonNode tag : tagsAll) {
                    if (!tags.contains(tag.asText())) {
                        return false;
                    }
                }
                return true;
            });
        }
        JsonNode time = runs.path("next_scheduled_start_time");
        if (time.has("before_")) {
            OffsetDateTime before = OffsetDateTime.parse(time.get("before_").asText());
            filter = filter.and(run -> scheduled(run) != null && !scheduled(run).isAfter(before));
        }
        if (time.has("after_")) {
            OffsetDateTime after = OffsetDateTime.parse(time.get("after_").asText());
            filter = filter.and(run -> scheduled(run) != null && !scheduled(run).isBefore(after));
        }
        List<ObjectNode> found = new ArrayList<>();
        for (Run run : RUNS) {
            if (run.workspaceId().equals(workspaceId) && filter.test(run.body())) {
                found.add(run.body());
            }
        }
        return found;
    }

    private static OffsetDateTime scheduled(ObjectNode run) {
        JsonNode time = run.path("next_scheduled_start_time");
        return time.isTextual() ? OffsetDateTime.parse(time.asText()) : null;
    }

    private static Predicate<ObjectNode> anyOf(JsonNode values, java.util.function.Function<ObjectNode, String> field) {
        if (!values.isArray()) {
            return run -> true;
        }
        List<String> allowed = new ArrayList<>();
        values.forEach(value -> allowed.add(value.asText()));
        return run -> allowed.contains(field.apply(run));
    }

    private static void ok(HttpServerRequest request, int status, JsonNode body) throws Exception {
        request.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(JSON.writeValueAsString(body));
    }
}
