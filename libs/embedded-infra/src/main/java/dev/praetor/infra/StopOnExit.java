package dev.praetor.infra;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One JVM shutdown hook that closes registered resources in reverse order of registration.
 *
 * <p>Why not a hook per resource: the JVM runs hooks concurrently, so Kafka and PostgreSQL would go down while the
 * services that use them are still stopping. Registering dependencies first (PostgreSQL, Kafka, then services)
 * makes them stop last.
 */
final class StopOnExit {

    private static final System.Logger LOG = System.getLogger(StopOnExit.class.getName());
    private static final Deque<AutoCloseable> RESOURCES = new ArrayDeque<>();
    private static boolean exiting;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(StopOnExit::closeAll, "praetor-stop-on-exit"));
    }

    private StopOnExit() {
    }

    /**
     * Registers a resource to close at JVM exit, before everything registered earlier; registering it again moves
     * it to that place. Returns false when the JVM is already exiting: the caller must then not start anything,
     * since no hook would stop it.
     */
    static synchronized boolean register(AutoCloseable resource) {
        if (exiting) {
            return false;
        }
        RESOURCES.remove(resource);
        RESOURCES.push(resource);
        return true;
    }

    static synchronized void unregister(AutoCloseable resource) {
        RESOURCES.remove(resource);
    }

    private static void closeAll() {
        AutoCloseable next;
        while ((next = nextToClose()) != null) {
            try {
                next.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Could not stop " + next + " at exit", e);
            }
        }
    }

    private static synchronized AutoCloseable nextToClose() {
        exiting = true;
        return RESOURCES.poll();
    }
}
