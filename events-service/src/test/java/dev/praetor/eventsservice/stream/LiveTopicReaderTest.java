package dev.praetor.eventsservice.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.praetor.eventsservice.EventsTestProfile;
import dev.praetor.eventsservice.TopicWriter;
import dev.praetor.testsupport.SharedInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Each replica's reader sees every record (no consumer group shares the partitions out), and a topic created after
 * the reader started is read from the reader's start. Two readers here stand for two replicas.
 */
@QuarkusTest
@TestProfile(EventsTestProfile.class)
class LiveTopicReaderTest {

    private static LiveTopicReader reader(String topic, LinkedBlockingQueue<String> keys) throws Exception {
        LiveTopicReader reader = LiveTopicReader.start(SharedInfra.get().kafkaBootstrapServers(), List.of(topic),
                live -> keys.add(live.record().key()));
        reader.positioned().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return reader;
    }

    private static String next(LinkedBlockingQueue<String> keys) throws InterruptedException {
        String key = keys.poll(30, TimeUnit.SECONDS);
        if (key == null) {
            throw new AssertionError("no record within 30 s");
        }
        return key;
    }

    @Test
    void everyReplicaSeesEveryRecordPublishedAfterItStarted() throws Exception {
        LinkedBlockingQueue<String> first = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> second = new LinkedBlockingQueue<>();
        try (LiveTopicReader one = reader("events", first); LiveTopicReader two = reader("events", second);
                TopicWriter topic = new TopicWriter()) {
            UUID workspace = UUID.randomUUID();
            for (int i = 0; i < 6; i++) { // 6 keys spread over the topic's partitions
                topic.publish("events", "key-" + i + "-" + workspace, workspace, "{}");
            }
            for (LinkedBlockingQueue<String> keys : List.of(first, second)) {
                int seen = 0;
                while (seen < 6) {
                    if (next(keys).endsWith(workspace.toString())) {
                        seen++;
                    }
                }
                assertEquals(6, seen);
            }
        }
    }

    @Test
    void aTopicCreatedAfterTheReaderStartedIsReadFromTheStart() throws Exception {
        String late = "late-" + UUID.randomUUID();
        LinkedBlockingQueue<String> keys = new LinkedBlockingQueue<>();
        try (LiveTopicReader reader = reader(late, keys); TopicWriter topic = new TopicWriter()) {
            topic.publish(late, "first", UUID.randomUUID(), "{}"); // the broker creates the topic
            assertEquals("first", next(keys));
        }
    }
}
