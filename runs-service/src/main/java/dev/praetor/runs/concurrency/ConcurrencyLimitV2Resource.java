package dev.praetor.runs.concurrency;

import dev.praetor.rest.tenancy.Workspace;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** {@code /v2/concurrency_limits} (other-resources.md §3.2): paths and status codes only. */
@Path("/v2/concurrency_limits")
@Produces(MediaType.APPLICATION_JSON)
public class ConcurrencyLimitV2Resource {

    @Inject
    ConcurrencyLimitService limits;

    @Inject
    Workspace workspace;

    @POST
    @Path("/")
    public Uni<Response> create(ConcurrencyLimitV2Create body) {
        return limits.create(workspace.id(), body).map(created -> Response.status(201).entity(created).build());
    }

    @POST
    @Path("/filter")
    public Uni<List<GlobalConcurrencyLimitResponse>> filter(LimitOffset body) {
        return limits.filter(workspace.id(), body);
    }

    @POST
    @Path("/increment")
    public Uni<List<MinimalConcurrencyLimitResponse>> increment(ConcurrencySlotsRequest body) {
        return limits.increment(workspace.id(), body, false).map(ConcurrencyLimitWithLeaseResponse::limits);
    }

    @POST
    @Path("/increment-with-lease")
    public Uni<ConcurrencyLimitWithLeaseResponse> incrementWithLease(ConcurrencySlotsRequest body) {
        return limits.increment(workspace.id(), body, true);
    }

    @POST
    @Path("/decrement")
    public Uni<List<MinimalConcurrencyLimitResponse>> decrement(ConcurrencySlotsRequest body) {
        return limits.decrement(workspace.id(), body);
    }

    @POST
    @Path("/decrement-with-lease")
    public Uni<Response> decrementWithLease(LeaseIdRequest body) {
        return limits.decrementWithLease(workspace.id(), body.lease_id()).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/leases/{lease_id}/renew")
    public Uni<Response> renew(@PathParam("lease_id") String leaseId, LeaseRenewal body) {
        return limits.renew(workspace.id(), PathIds.uuid("lease_id", leaseId), body.secondsOrDefault())
                .replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/{id_or_name}")
    public Uni<GlobalConcurrencyLimitResponse> read(@PathParam("id_or_name") String idOrName) {
        return limits.read(workspace.id(), idOrName);
    }

    @PATCH
    @Path("/{id_or_name}")
    public Uni<Response> update(@PathParam("id_or_name") String idOrName, ConcurrencyLimitV2Update body) {
        return limits.update(workspace.id(), idOrName, body).replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path("/{id_or_name}")
    public Uni<Response> delete(@PathParam("id_or_name") String idOrName) {
        return limits.delete(workspace.id(), idOrName).replaceWith(Response.noContent().build());
    }
}
