package dev.praetor.infra;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Command-line options of {@link LocalStack}. */
record LocalStackOptions(
        Path dataDirectory,
        Path repoRoot,
        int gatewayPort,
        int postgresPort,
        int kafkaPort,
        Optional<String> postgresHostAndPort,
        String postgresUser,
        String postgresPassword,
        Optional<String> kafkaBootstrapServers,
        Optional<Set<String>> only,
        boolean help) {

    static final String USAGE = """
            Usage: LocalStack [options]
              --data-dir DIR        where PostgreSQL, Kafka and logs keep their data (default ./.praetor)
              --repo-root DIR       the Praetor checkout with the built services (default: current directory)
              --port PORT           the gateway's port (default 4200); services use the next six ports
              --only MODULES        comma-separated modules to start, e.g. flows-service,gateway (default: all built)
              --pg-url HOST:PORT    use this PostgreSQL instead of the embedded one; jdbc:postgresql://HOST:PORT works too
              --pg-user USER        user for --pg-url (default postgres)
              --pg-password PASS    password for --pg-url (default postgres)
              --pg-port PORT        port of the embedded PostgreSQL (default 54320, 0 = any free port)
              --kafka BOOTSTRAP     use this Kafka instead of the embedded broker, e.g. localhost:9092
              --kafka-port PORT     port of the embedded Kafka broker (default 59092, 0 = any free port)
              --help                print this help
            """;

    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("--data-dir", "--repo-root", "--port", "--pg-port",
            "--kafka-port", "--pg-url", "--pg-user", "--pg-password", "--kafka", "--only");

    static LocalStackOptions parse(String[] args, List<String> knownModules) {
        Path dataDirectory = Path.of(".praetor");
        Path repoRoot = Path.of("");
        int gatewayPort = 4200;
        int postgresPort = 54320;
        int kafkaPort = 59092;
        Optional<String> postgresHostAndPort = Optional.empty();
        String postgresUser = "postgres";
        String postgresPassword = "postgres";
        Optional<String> kafka = Optional.empty();
        Optional<Set<String>> only = Optional.empty();
        boolean help = false;

        for (int i = 0; i < args.length; i++) {
            String argument = args[i];
            String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
            if (name.equals("--help") || name.equals("-h")) {
                help = true;
                continue;
            }
            if (!OPTIONS_WITH_VALUE.contains(name)) {
                throw new IllegalArgumentException("Unknown option " + name);
            }
            String value;
            if (argument.contains("=")) {
                value = argument.substring(argument.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("Missing value for " + name);
            }
            switch (name) {
                case "--data-dir" -> dataDirectory = Path.of(value);
                case "--repo-root" -> repoRoot = Path.of(value);
                case "--port" -> gatewayPort = port(name, value);
                case "--pg-port" -> postgresPort = port(name, value);
                case "--kafka-port" -> kafkaPort = port(name, value);
                case "--pg-url" -> postgresHostAndPort = Optional.of(hostAndPort(value));
                case "--pg-user" -> postgresUser = value;
                case "--pg-password" -> postgresPassword = value;
                case "--kafka" -> kafka = Optional.of(value);
                case "--only" -> only = Optional.of(modules(value, knownModules));
                default -> throw new IllegalStateException("Option without a case: " + name);
            }
        }
        return new LocalStackOptions(dataDirectory.toAbsolutePath().normalize(), repoRoot.toAbsolutePath().normalize(),
                gatewayPort, postgresPort, kafkaPort, postgresHostAndPort, postgresUser, postgresPassword, kafka, only,
                help);
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a port number, not " + value);
        }
    }

    /** {@code host:port} from {@code host:port}, {@code postgresql://host:port/db} or the same with {@code jdbc:}. */
    private static String hostAndPort(String url) {
        String rest = url.replaceFirst("^jdbc:", "").replaceFirst("^postgres(ql)?://", "");
        int end = rest.indexOf('/') >= 0 ? rest.indexOf('/') : rest.indexOf('?');
        String hostAndPort = end >= 0 ? rest.substring(0, end) : rest;
        if (!hostAndPort.matches("[^:/?]+:\\d+")) {
            throw new IllegalArgumentException("--pg-url needs HOST:PORT (or jdbc:postgresql://HOST:PORT), not " + url);
        }
        return hostAndPort;
    }

    private static Set<String> modules(String list, List<String> knownModules) {
        Set<String> modules = Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(module -> !module.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> unknown = modules.stream().filter(module -> !knownModules.contains(module))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown modules in --only: " + unknown + "; known: " + knownModules);
        }
        return modules;
    }
}
