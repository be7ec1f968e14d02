package dev.praetor.deployments.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.rest.errors.ServiceUnavailableException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks flows-service ({@code GET {praetor.services.flows-url}/flows/{id}}) for the flow of a deployment being
 * written: its name (kept on the deployment row for reads by name) and labels (a deployment's labels start from its
 * flow's). With {@code praetor.deployments.verify-flow-exists=false} (tests without flows-service) every flow exists,
 * is named by its id and has no labels.
 */
@ApplicationScoped
public class FlowsClient {
    private static final String SERVICE = "flows-service";

    /** What a deployment needs from its flow. */
    public record FlowInfo(UUID id, String name, ObjectNode labels) {
    }

    private final ServiceHttp http;
    private final boolean verify;

    @Inject
    public FlowsClient(Vertx vertx, ObjectMapper mapper,
            @ConfigProperty(name = "praetor.services.flows-url", defaultValue = "http://127.0.0.1:4201") URI flowsUrl,
            @ConfigProperty(name = "praetor.deployments.verify-flow-exists", defaultValue = "true") boolean verify) {
        this.http = new ServiceHttp(SERVICE, flowsUrl, vertx, mapper);
        this.verify = verify;
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** The flow, empty when it does not exist in the workspace; fails with a 503 when flows-service cannot answer. */
    public Uni<Optional<FlowInfo>> find(UUID workspaceId, UUID flowId) {
        if (!verify) {
            return Uni.createFrom().item(Optional.of(new FlowInfo(flowId, flowId.toString(),
                    JsonNodeFactory.instance.objectNode())));
        }
        return http.send(HttpMethod.GET, "/flows/" + flowId, workspaceId, null).map(reply -> {
            if (reply.status() == 404) {
                return Optional.empty();
            }
            JsonNode body = reply.body();
            if (reply.status() != 200 || body == null || !body.path("name").isTextual()) {
                throw new ServiceUnavailableException(SERVICE + " answered " + reply.status() + " for a flow", null);
            }
            JsonNode labels = body.get("labels");
            return Optional.of(new FlowInfo(flowId, body.get("name").asText(),
                    labels instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode()));
        });
    }
}
