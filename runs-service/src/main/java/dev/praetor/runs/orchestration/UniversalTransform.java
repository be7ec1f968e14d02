package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import io.smallrye.mutiny.Uni;

/**
 * Bookkeeping that fires on every transition (Prefect's {@code BaseUniversalTransform}): it never rejects, skips its
 * work when no proposed state is left, and acts on whatever the proposed state now is (so the bookkeeping describes
 * the state actually written, e.g. a rule's replacement). Errors are not caught: they fail the request.
 */
public abstract class UniversalTransform<C extends OrchestrationContext<?>> implements PolicyStep<C> {
    private static final Uni<Void> DONE = Uni.createFrom().voidItem();

    @Override
    public final boolean governs(StateType from, StateType to) {
        return true;
    }

    @Override
    public final Uni<Void> enter(C ctx, StateType from, StateType to) {
        return ctx.nullified() ? DONE : beforeTransition(ctx);
    }

    @Override
    public final Uni<Void> exit(C ctx) {
        if (ctx.orchestrationError() != null || ctx.nullified()) {
            return DONE;
        }
        return afterTransition(ctx);
    }

    protected Uni<Void> beforeTransition(C ctx) {
        return DONE;
    }

    protected Uni<Void> afterTransition(C ctx) {
        return DONE;
    }

    protected static Uni<Void> done() {
        return DONE;
    }
}
