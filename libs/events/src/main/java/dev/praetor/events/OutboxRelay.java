package dev.praetor.events;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the {@link OutboxRelayWorker} of the service from startup to shutdown, unless
 * {@code praetor.outbox.relay.enabled=false}.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    Pool pool;

    @Inject
    TopicProvisioner topics;

    @ConfigProperty(name = "praetor.outbox.relay.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "praetor.outbox.relay.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "praetor.outbox.relay.idle-poll-ms", defaultValue = "50")
    long idlePollMs;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    private OutboxRelayWorker worker;
    private boolean stopped;

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            LOG.info("Outbox relay disabled (praetor.outbox.relay.enabled=false)");
            return;
        }
        worker = new OutboxRelayWorker(pool,
                new OutboxRelayWorker.Settings(bootstrapServers, batchSize, Duration.ofMillis(idlePollMs)));
        // Publishing to a topic that does not exist yet would let the broker auto-create it with its defaults
        // (not compacted), so the relay starts once the provisioner has created the topics.
        topics.ready().thenRun(this::startWorker);
    }

    private synchronized void startWorker() {
        if (!stopped) {
            worker.start();
        }
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (worker != null) {
            worker.close();
        }
    }
}
