package dev.praetor.deployments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.infra.BuiltService;
import dev.praetor.rest.tenancy.Workspace;
import dev.praetor.testsupport.PraetorServiceResource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The real runs-service these tests run beside ({@link DeploymentsTestProfile}): what it stores, asked through its
 * own API, and its process for outage tests.
 */
public final class RunsService {
    public static final String MODULE = "runs-service";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RunsService() {
    }

    /** The workspace's flow runs, soonest expected start first. */
    public static List<ObjectNode> runs(UUID workspaceId) {
        JsonNode found = call(workspaceId, "POST", "/flow_runs/filter", "{\"sort\":\"EXPECTED_START_TIME_ASC\",\"limit\":200}");
        List<ObjectNode> runs = new ArrayList<>();
        found.forEach(run -> runs.add((ObjectNode) run));
        return runs;
    }

    /** The workspace's flow runs matching a {@code /flow_runs/filter} body. */
    public static List<ObjectNode> runs(UUID workspaceId, String filter) {
        List<ObjectNode> runs = new ArrayList<>();
        call(workspaceId, "POST", "/flow_runs/filter", filter).forEach(run -> runs.add((ObjectNode) run));
        return runs;
    }

    public static void delete(UUID workspaceId, String flowRunId) {
        call(workspaceId, "DELETE", "/flow_runs/" + flowRunId, null);
    }

    /** The child JVM, to take runs-service down and bring it back. */
    public static BuiltService process() {
        return PraetorServiceResource.service(MODULE);
    }

    private static JsonNode call(UUID workspaceId, String method, String path, String body) {
        String url = ConfigProvider.getConfig().getValue("praetor.services.runs-url", String.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).header(Workspace.HEADER, workspaceId.toString())
                .header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body().isEmpty() ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
