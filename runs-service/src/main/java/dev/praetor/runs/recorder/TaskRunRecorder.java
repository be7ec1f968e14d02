package dev.praetor.runs.recorder;

import dev.praetor.events.SnapshotConsumer;
import dev.praetor.events.SnapshotRecord;
import dev.praetor.events.TopicProvisioner;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Records task runs and their state histories from the client's {@code prefect.task-run.*} events on the
 * {@code events} topic (task-runs.md §5): the Python engines report ordinary task runs only that way. Only events
 * whose resource carries {@code prefect.orchestration: client} count (anyone may emit events with such names). The
 * workspace is the record's. Each poll's events are written as one batch, at least once; writing is idempotent, and
 * tolerant of any order and of repeats.
 *
 * <p>On unless {@code praetor.runs.recorder.enabled=false}.
 */
@ApplicationScoped
public class TaskRunRecorder {
    static final String GROUP_ID = "runs-service-task-run-recorder";
    static final String EVENTS_TOPIC = "events";
    private static final Logger LOG = Logger.getLogger(TaskRunRecorder.class);

    @Inject
    TaskRunEventStore store;

    @Inject
    TopicProvisioner topics;

    @ConfigProperty(name = "praetor.runs.recorder.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    private SnapshotConsumer consumer;
    private boolean stopped;

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            LOG.info("Task-run recorder disabled (praetor.runs.recorder.enabled=false)");
            return;
        }
        // Subscribing before the topic exists would only delay the first events: wait for the provisioner.
        topics.ready().thenRun(this::startConsumer);
    }

    private synchronized void startConsumer() {
        if (!stopped) {
            consumer = SnapshotConsumer.start(bootstrapServers, GROUP_ID, List.of(EVENTS_TOPIC), this::record);
        }
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (consumer != null) {
            consumer.close();
        }
    }

    Uni<Void> record(List<SnapshotRecord> records) {
        List<TaskRunEvent> events = new ArrayList<>();
        for (SnapshotRecord record : records) {
            if (record.isTombstone() || !TaskRunEvent.isRecordable(record.data())) {
                continue;
            }
            try {
                events.add(TaskRunEvent.from(record));
            } catch (IllegalArgumentException e) {
                LOG.warnf("Skipping task-run event %s: %s", record.key(), e.getMessage());
            }
        }
        return store.store(events);
    }
}
