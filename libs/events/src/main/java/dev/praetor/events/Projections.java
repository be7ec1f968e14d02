package dev.praetor.events;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the service's projections from startup to shutdown. A service declares them as CDI beans of type
 * {@link ProjectionTable} (e.g. a {@code @Produces} method returning {@code ProjectionTables.FLOW_RUNS}) and creates
 * the tables in its own Flyway migration; this bean creates the topics if their owner has not yet (compacted, as the
 * owner does) and consumes them as group {@code praetor.projections.group-id} (default
 * {@code <application name>-projections}). A service without projections starts nothing.
 * {@code praetor.projections.enabled=false} turns the feed off.
 */
@ApplicationScoped
public class Projections {

    private static final Logger LOG = Logger.getLogger(Projections.class);

    @Inject
    Pool pool;

    @Inject
    @Any
    Instance<ProjectionTable> declared;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "praetor")
    String applicationName;

    @ConfigProperty(name = "praetor.projections.group-id")
    java.util.Optional<String> groupId;

    @ConfigProperty(name = "praetor.projections.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "praetor.kafka.topics.partitions", defaultValue = "3")
    int partitions;

    private final List<ProjectionFeed> feeds = new ArrayList<>();
    private TopicCreator topicCreator;
    private boolean stopped;

    void onStart(@Observes StartupEvent event) {
        List<ProjectionTable> tables = tables();
        if (!enabled || tables.isEmpty()) {
            return;
        }
        Map<String, Boolean> topics = new LinkedHashMap<>();
        tables.forEach(table -> topics.put(table.topic(), true));
        synchronized (this) {
            topicCreator = new TopicCreator(bootstrapServers, topics, partitions);
        }
        // Subscribing to a topic that does not exist yet would only see it after the next metadata refresh (minutes).
        topicCreator.start().thenRun(() -> {
            String group = groupId.orElse(applicationName + "-projections");
            LOG.infof("Projecting %s into %s as consumer group %s", topics.keySet(),
                    tables.stream().map(ProjectionTable::table).toList(), group);
            replay(group);
        });
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (topicCreator != null) {
            topicCreator.close();
        }
        feeds.forEach(ProjectionFeed::close);
        feeds.clear();
    }

    /** The projections this service declared. */
    public List<ProjectionTable> tables() {
        List<ProjectionTable> tables = new ArrayList<>();
        declared.forEach(tables::add);
        return tables;
    }

    /**
     * Starts (another) feed of every projection as consumer group {@code group}: a group never seen replays the topics
     * from the beginning, which rebuilds emptied tables and leaves up-to-date ones unchanged. Runs until shutdown.
     */
    public synchronized ProjectionFeed replay(String group) {
        if (stopped) {
            throw new IllegalStateException("stopped");
        }
        ProjectionFeed feed = ProjectionFeed.start(bootstrapServers, group, pool, tables());
        feeds.add(feed);
        return feed;
    }
}
