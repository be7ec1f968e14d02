package dev.praetor.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalStackOptionsTest {

    private static final List<String> MODULES = List.of("flows-service", "gateway");

    @Test
    void defaults() {
        LocalStackOptions options = LocalStackOptions.parse(new String[0], MODULES);
        assertEquals(Path.of(".praetor").toAbsolutePath(), options.dataDirectory());
        assertEquals(4200, options.gatewayPort());
        assertEquals(Optional.empty(), options.postgresHostAndPort());
        assertEquals(Optional.empty(), options.only());
    }

    @Test
    void externalServersAndSelection() {
        LocalStackOptions options = LocalStackOptions.parse(new String[] {
                "--pg-url", "jdbc:postgresql://db.example:5433/ignored?sslmode=require", "--pg-user=praetor",
                "--kafka", "kafka:9092", "--only", "gateway, flows-service", "--port=4300"}, MODULES);
        assertEquals(Optional.of("db.example:5433"), options.postgresHostAndPort());
        assertEquals("praetor", options.postgresUser());
        assertEquals(Optional.of("kafka:9092"), options.kafkaBootstrapServers());
        assertEquals(Optional.of(Set.of("gateway", "flows-service")), options.only());
        assertEquals(4300, options.gatewayPort());
        assertEquals("db:5432", LocalStackOptions.parse(new String[] {"--pg-url", "db:5432"}, MODULES)
                .postgresHostAndPort().orElseThrow());
    }

    @Test
    void rejectsMistakes() {
        assertThrows(IllegalArgumentException.class,
                () -> LocalStackOptions.parse(new String[] {"--only", "flow-service"}, MODULES));
        assertThrows(IllegalArgumentException.class,
                () -> LocalStackOptions.parse(new String[] {"--pg-url", "db"}, MODULES));
        assertThrows(IllegalArgumentException.class,
                () -> LocalStackOptions.parse(new String[] {"--port"}, MODULES));
        assertThrows(IllegalArgumentException.class,
                () -> LocalStackOptions.parse(new String[] {"--frobnicate", "1"}, MODULES));
    }
}
