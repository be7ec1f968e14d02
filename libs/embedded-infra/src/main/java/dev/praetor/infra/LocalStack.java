package dev.praetor.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.LogManager;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one-command local stack: embedded PostgreSQL and Kafka (or external ones), one database per service, the
 * topics, then every built service and the gateway as child JVMs, on loopback. Prints
 * {@code PREFECT_API_URL=http://127.0.0.1:<port>/api} once everything is ready; Ctrl-C (or SIGTERM) stops the
 * services, then the gateway, then Kafka, then PostgreSQL.
 *
 * <p>Data directory layout: {@code postgres/}, {@code kafka/}, {@code logs/<module>.log}, {@code run/<module>.pid}.
 */
public final class LocalStack {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String HOST = "127.0.0.1";
    private static final String GATEWAY = "gateway";
    private static final int TOPIC_PARTITIONS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(30);
    /** The gateway's own database: workspaces and API keys. */
    private static final String GATEWAY_DATABASE = "praetor_gateway";
    /** Read by the gateway; when unset, the stack makes one up for this run and prints it. */
    private static final String ADMIN_TOKEN_VARIABLE = "PRAETOR_ADMIN_TOKEN";

    /**
     * A service module: its port (the gateway's port plus {@code portOffset}, so that two stacks can run side by side
     * with different {@code --port}s), its database and its route name in the gateway's upstream configuration.
     */
    private record Service(String module, int portOffset, String database, String route) {
    }

    private static final List<Service> SERVICES = List.of(
            new Service("flows-service", 1, "praetor_flows", "flows"),
            new Service("runs-service", 2, "praetor_runs", "runs"),
            new Service("deployments-service", 3, "praetor_deployments", "deployments"),
            new Service("artifacts-service", 4, "praetor_artifacts", "artifacts"),
            new Service("events-service", 5, "praetor_events", "events"),
            new Service("config-service", 6, "praetor_config", "config"));

    private static final List<String> MODULES = Stream.concat(SERVICES.stream().map(Service::module),
            Stream.of(GATEWAY)).toList();

    /** Topic name to compacted (entity snapshots keyed by id) or not (the event stream). */
    private static final Map<String, Boolean> TOPICS = Map.of(
            "flows", true, "flow-runs", true, "task-runs", true, "deployments", true, "work-queues", true,
            "events", false);

    /** Where the services reach PostgreSQL. */
    private record Postgres(String hostAndPort, String user, String password, String description) {
        String jdbcUrl(String database) {
            return "jdbc:postgresql://" + hostAndPort + "/" + database;
        }

        String reactiveUrl(String database) {
            return "postgresql://" + hostAndPort + "/" + database;
        }
    }

    private final LocalStackOptions options;

    private int port(Service service) {
        return options.gatewayPort() + service.portOffset();
    }
    // Filled from the threads that start them; empty when external servers are used.
    private final List<EmbeddedPostgresServer> embeddedPostgres = new CopyOnWriteArrayList<>();
    private final List<EmbeddedKafkaBroker> embeddedKafka = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** The gateway's admin token: the environment's, or one made up for this run (printed in the summary). */
    private final String adminToken;

    private LocalStack(LocalStackOptions options) {
        this.options = options;
        String fromEnvironment = System.getenv(ADMIN_TOKEN_VARIABLE);
        if (fromEnvironment != null) {
            this.adminToken = fromEnvironment;
        } else {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            this.adminToken = HexFormat.of().formatHex(random);
        }
    }

    public static void main(String[] args) {
        configureLogging();
        LocalStackOptions options;
        try {
            options = LocalStackOptions.parse(args, MODULES);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(LocalStackOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(LocalStackOptions.USAGE);
            return;
        }
        try {
            new LocalStack(options).run();
        } catch (IllegalStateException | UncheckedIOException e) {
            // Ours, with a message that says what failed (and the log tail of a process that died).
            report("ERROR", "The local stack did not start: " + withCauses(e));
            System.exit(1); // the shutdown hook stops whatever did start
        } catch (RuntimeException e) {
            report("ERROR", "The local stack did not start");
            e.printStackTrace();
            System.exit(1);
        }
    }

    private void run() {
        // Held until exit: a second stack on the same data directory fails here, before touching anything.
        register(DirectoryLock.acquire(options.dataDirectory()));
        List<String> notBuilt = MODULES.stream().filter(this::selected).filter(module -> !built(module)).toList();
        if (!notBuilt.isEmpty()) {
            report("WARNING", "Not built, skipped: " + String.join(", ", notBuilt));
        }
        List<Service> services = SERVICES.stream()
                .filter(service -> selected(service.module()) && built(service.module()))
                .toList();
        boolean withGateway = selected(GATEWAY) && built(GATEWAY);
        stopLeftoverServices();
        services.forEach(service -> ChildProcesses.requireFreePort(port(service), service.module()));
        if (withGateway) {
            ChildProcesses.requireFreePort(options.gatewayPort(), GATEWAY);
        }

        register(() -> report("INFO", "Praetor local stack stopped")); // closed last but for the lock
        // PostgreSQL and Kafka start in parallel; re-registering them afterwards fixes their order at exit.
        CompletableFuture<Postgres> startingPostgres = CompletableFuture.supplyAsync(this::startPostgres);
        CompletableFuture<String> startingKafka = CompletableFuture.supplyAsync(this::startKafka);
        Postgres postgres = join(startingPostgres);
        String bootstrapServers = join(startingKafka);
        embeddedPostgres.forEach(LocalStack::register);
        embeddedKafka.forEach(LocalStack::register);
        SERVICES.forEach(service -> PostgresDatabases.createIfMissing(
                postgres.jdbcUrl("postgres"), postgres.user(), postgres.password(), service.database()));
        PostgresDatabases.createIfMissing(
                postgres.jdbcUrl("postgres"), postgres.user(), postgres.password(), GATEWAY_DATABASE);
        KafkaTopics.createIfMissing(bootstrapServers, TOPICS, TOPIC_PARTITIONS);

        // Registered in this order so that, at exit, the services stop first and then the gateway.
        ServiceGroup gateway = new ServiceGroup("gateway");
        ServiceGroup backends = new ServiceGroup("services");
        register(gateway);
        register(backends);
        for (Service service : services) {
            backends.launch(service.module(), port(service), "/q/health/ready",
                    serviceProperties(service, postgres, bootstrapServers));
        }
        if (withGateway) {
            gateway.launch(GATEWAY, options.gatewayPort(), "/api/health", gatewayProperties(services, postgres));
        }
        List<ServiceProcess> started = new ArrayList<>(backends.processes());
        started.addAll(gateway.processes());
        awaitReady(started);
        backends.watchForCrashes();
        gateway.watchForCrashes();

        printSummary(postgres, bootstrapServers, started, notBuilt, withGateway);
        awaitShutdown();
    }

    /** Services of an earlier run that was killed without running its shutdown hook hold their ports and data. */
    private void stopLeftoverServices() {
        MODULES.forEach(module ->
                ChildProcesses.stopLeftover(pidFile(module), jar(module).toString(), SERVICE_STOP_GRACE));
    }

    private Postgres startPostgres() {
        if (options.postgresHostAndPort().isPresent()) {
            return new Postgres(options.postgresHostAndPort().get(), options.postgresUser(),
                    options.postgresPassword(), "external");
        }
        EmbeddedPostgresServer server =
                EmbeddedPostgresServer.start(options.dataDirectory().resolve("postgres"), options.postgresPort());
        embeddedPostgres.add(server);
        return new Postgres(HOST + ":" + server.port(), server.username(), server.password(), "embedded");
    }

    private String startKafka() {
        if (options.kafkaBootstrapServers().isPresent()) {
            return options.kafkaBootstrapServers().get();
        }
        EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.start(options.dataDirectory().resolve("kafka"), options.kafkaPort());
        embeddedKafka.add(broker);
        return broker.bootstrapServers();
    }

    private Map<String, String> serviceProperties(Service service, Postgres database, String bootstrapServers) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.host", HOST);
        properties.put("quarkus.http.port", Integer.toString(port(service)));
        properties.put("quarkus.datasource.reactive.url", database.reactiveUrl(service.database()));
        properties.put("quarkus.datasource.jdbc.url", database.jdbcUrl(service.database()));
        properties.put("quarkus.datasource.username", database.user());
        properties.put("quarkus.datasource.password", database.password());
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        // Commands that need an answer now go service to service over HTTP (ARCHITECTURE: data crossing services).
        SERVICES.forEach(other -> properties.put("praetor.services." + other.route() + "-url",
                "http://" + HOST + ":" + port(other)));
        return properties;
    }

    private Map<String, String> gatewayProperties(List<Service> upstreams, Postgres database) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.host", HOST);
        properties.put("quarkus.http.port", Integer.toString(options.gatewayPort()));
        properties.put("quarkus.datasource.reactive.url", database.reactiveUrl(GATEWAY_DATABASE));
        properties.put("quarkus.datasource.jdbc.url", database.jdbcUrl(GATEWAY_DATABASE));
        properties.put("quarkus.datasource.username", database.user());
        properties.put("quarkus.datasource.password", database.password());
        if (System.getenv(ADMIN_TOKEN_VARIABLE) == null) {
            properties.put("praetor.gateway.admin-token", adminToken);
        }
        upstreams.forEach(service -> properties.put("praetor.gateway.upstream." + service.route(),
                "http://" + HOST + ":" + port(service)));
        return properties;
    }

    /** Polls every starting process until all are ready; fails as soon as one exits or time runs out. */
    private void awaitReady(List<ServiceProcess> starting) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        List<ServiceProcess> pending = new ArrayList<>(starting);
        while (!pending.isEmpty()) {
            for (Iterator<ServiceProcess> iterator = pending.iterator(); iterator.hasNext(); ) {
                ServiceProcess service = iterator.next();
                if (service.hasExited()) {
                    throw new IllegalStateException(service.module() + " exited with code "
                            + service.process().exitValue() + " while starting; last lines of " + service.logFile()
                            + ":" + System.lineSeparator() + service.logTail());
                }
                if (service.isReady(http)) {
                    report("INFO", service.module() + " ready on port " + service.port() + " after "
                            + service.sinceLaunch().toMillis() + " ms");
                    iterator.remove();
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > deadline) {
                ServiceProcess first = pending.get(0);
                throw new IllegalStateException("Not ready within " + READY_TIMEOUT.toSeconds() + " s: " + pending
                        + "; last lines of " + first.logFile() + ":" + System.lineSeparator() + first.logTail());
            }
            sleep(POLL_INTERVAL);
        }
    }

    private void printSummary(Postgres database, String bootstrapServers, List<ServiceProcess> started,
            List<String> notBuilt, boolean gatewayRunning) {
        PrintStream out = System.out;
        out.println("Praetor local stack is running; Ctrl-C stops it.");
        out.printf("  %-20s %s%n", "data", options.dataDirectory());
        out.printf("  %-20s %s, user %s (%s)%n", "PostgreSQL", database.hostAndPort(), database.user(),
                database.description());
        out.printf("  %-20s %s (%s)%n", "Kafka", bootstrapServers,
                options.kafkaBootstrapServers().isPresent() ? "external" : "embedded");
        for (ServiceProcess service : started) {
            out.printf("  %-20s http://%s:%d  log: %s%n", service.module(), HOST, service.port(), service.logFile());
        }
        if (!notBuilt.isEmpty()) {
            out.printf("  %-20s %s%n", "not built", String.join(", ", notBuilt));
        }
        if (gatewayRunning) {
            out.printf("  %-20s %s=%s (admin API: http://%s:%d/admin/...)%n", "admin token", ADMIN_TOKEN_VARIABLE,
                    adminToken, HOST, options.gatewayPort());
            out.println("PREFECT_API_URL=http://" + HOST + ":" + options.gatewayPort() + "/api");
        } else {
            out.println("The gateway is not running, so there is no Prefect API URL.");
        }
        out.flush();
    }

    private boolean selected(String module) {
        return options.only().map(only -> only.contains(module)).orElse(true);
    }

    private boolean built(String module) {
        return Files.exists(jar(module));
    }

    private Path jar(String module) {
        return options.repoRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private Path pidFile(String module) {
        return options.dataDirectory().resolve("run").resolve(module + ".pid");
    }

    private Path logFile(String module) {
        return options.dataDirectory().resolve("logs").resolve(module + ".log");
    }

    /** Child JVMs of one kind (the services, or the gateway), stopped together at exit. */
    private final class ServiceGroup implements AutoCloseable {

        private final String name;
        private final List<ServiceProcess> processes = new ArrayList<>();
        private boolean stopping;

        ServiceGroup(String name) {
            this.name = name;
        }

        synchronized void launch(String module, int port, String readinessPath, Map<String, String> properties) {
            if (stopping) {
                throw new IllegalStateException("Shutting down; not starting " + module);
            }
            try {
                processes.add(ServiceProcess.launch(module, jar(module), port, readinessPath, properties,
                        logFile(module), pidFile(module)));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start " + module, e);
            }
            report("INFO", "Starting " + module + " on port " + port + " (log: " + logFile(module) + ")");
        }

        synchronized List<ServiceProcess> processes() {
            return List.copyOf(processes);
        }

        /** Reports a process that dies after it was ready; the rest of the stack keeps running. */
        synchronized void watchForCrashes() {
            for (ServiceProcess service : processes) {
                service.process().onExit().thenRun(() -> {
                    if (!isStopping()) {
                        report("ERROR", service.module() + " exited with code " + service.process().exitValue()
                                + "; last lines of " + service.logFile() + ":" + System.lineSeparator()
                                + service.logTail());
                    }
                });
            }
        }

        private synchronized boolean isStopping() {
            return stopping;
        }

        /** Asks all processes to stop at once (SIGTERM), then waits for each, killing those that hang. */
        @Override
        public void close() {
            List<ServiceProcess> toStop;
            synchronized (this) {
                stopping = true;
                toStop = List.copyOf(processes);
            }
            if (toStop.isEmpty()) {
                return;
            }
            String modules = toStop.stream().map(ServiceProcess::module).collect(Collectors.joining(", "));
            report("INFO", "Stopping " + modules);
            toStop.forEach(service -> service.process().destroy());
            for (ServiceProcess service : toStop) {
                ChildProcesses.awaitExitOrKill(service.process().toHandle(), SERVICE_STOP_GRACE);
                ChildProcesses.deletePidFile(pidFile(service.module()));
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Progress for the user, on stderr (stdout carries the summary). Not java.util.logging: its own shutdown hook
     * closes its handlers, so what we print while stopping would be lost.
     */
    private static void report(String level, String message) {
        System.err.println(LocalTime.now().format(TIME) + " " + level + " " + message);
    }

    private static String withCauses(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            text.append(System.lineSeparator()).append("  caused by ").append(cause);
        }
        return text.toString();
    }

    private static void register(AutoCloseable resource) {
        if (!StopOnExit.register(resource)) {
            throw new IllegalStateException("The JVM is shutting down");
        }
    }

    /** Blocks the main thread; the JVM then lives until Ctrl-C or SIGTERM runs the shutdown hook. */
    private static void awaitShutdown() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the services", e);
        }
    }

    /** Terse console logging for the launcher, unless the user configured java.util.logging themselves. */
    private static void configureLogging() {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        try (InputStream configuration =
                LocalStack.class.getResourceAsStream("local-stack-logging.properties")) {
            if (configuration != null) {
                LogManager.getLogManager().readConfiguration(configuration);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the launcher's logging configuration", e);
        }
    }
}
