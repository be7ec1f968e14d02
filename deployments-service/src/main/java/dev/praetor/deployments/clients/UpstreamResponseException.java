package dev.praetor.deployments.clients;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Another service refused a command made on the caller's behalf (e.g. runs-service's 409 for a flow run of a flow
 * that does not exist). Its status and Prefect-shaped body are passed on unchanged: the caller sees what Prefect's
 * single server would have said.
 */
public class UpstreamResponseException extends RuntimeException {
    private final int status;
    private final transient JsonNode body;

    public UpstreamResponseException(String service, int status, JsonNode body) {
        super(service + " answered " + status, null, false, false);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public JsonNode body() {
        return body;
    }
}
