package dev.praetor.runs.orchestration;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * Flow rule 1: carries the deployment concurrency lease forward when a proposal (e.g. a worker's PENDING
 * "Submitting", sent with {@code deployment_concurrency_lease_id: null}) would otherwise drop it.
 */
public class PreserveDeploymentConcurrencyLeaseId extends UniversalTransform<FlowOrchestrationContext> {
    @Override
    protected Uni<Void> beforeTransition(FlowOrchestrationContext ctx) {
        if (ctx.initialState() == null) {
            return done();
        }
        UUID lease = ctx.initialState().state_details().deployment_concurrency_lease_id();
        if (lease != null && ctx.proposedState().state_details().deployment_concurrency_lease_id() == null) {
            ctx.setProposedState(ctx.proposedState().withDetails(d -> d.deploymentConcurrencyLeaseId(lease)));
        }
        return done();
    }
}
