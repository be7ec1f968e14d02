package dev.praetor.runs.background;

import dev.praetor.events.ExclusiveLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A background service of states-and-orchestration.md §10: every {@link #period()} one replica of the cluster (an
 * {@link ExclusiveLoop}) runs {@link #round()}, which finds the runs to act on and proposes their new states one by
 * one, each in its own transaction under the run's lock.
 */
abstract class BackgroundService {
    private static final Logger LOG = Logger.getLogger(BackgroundService.class);

    private ExclusiveLoop loop;

    protected abstract String name();

    protected abstract Duration period();

    protected abstract boolean enabled();

    protected abstract BackgroundRunsRepository repository();

    /** One round; completes with the number of runs whose state it changed. */
    public abstract Uni<Integer> round();

    void onStart(@Observes StartupEvent event) {
        if (!enabled()) {
            LOG.infof("%s disabled", name());
            return;
        }
        loop = new ExclusiveLoop("praetor.runs." + name(), repository().pool(), period(), Duration.ofMinutes(5),
                locked -> round().replaceWithVoid());
        loop.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.close();
        }
    }

    /** Acts on each run in turn (a failure on one is logged and does not stop the others); counts the changes. */
    protected static Uni<Integer> each(List<RunRef> runs, Function<RunRef, Uni<Boolean>> action) {
        return Multi.createFrom().iterable(runs).onItem().transformToUniAndConcatenate(run -> action.apply(run)
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("Background change of run %s failed: %s", run.id(), failure.toString());
                            return false;
                        }))
                .collect().with(java.util.stream.Collectors.summingInt(changed -> changed ? 1 : 0));
    }
}
