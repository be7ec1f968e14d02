package dev.praetor.deployments.clients;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Answers an {@link UpstreamResponseException} with the other service's status and body. */
public class UpstreamErrorMapper {
    @ServerExceptionMapper
    public Response upstream(UpstreamResponseException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(e.body()).build();
    }
}
