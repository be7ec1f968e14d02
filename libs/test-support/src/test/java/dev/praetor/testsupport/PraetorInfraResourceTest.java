package dev.praetor.testsupport;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PraetorInfraResource.class,
        initArgs = @ResourceArg(name = PraetorInfraResource.DATABASE_ARG, value = "praetor_support_a"))
class PraetorInfraResourceTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void suppliesTheTestDatabaseAndKafka() throws Exception {
        InfraChecks.assertDatabaseReachable(jdbcUrl, username, password, "praetor_support_a");
        InfraChecks.assertKafkaReachable(bootstrapServers);
        InfraChecks.assertSameInfraAsOtherTestClasses(bootstrapServers);
    }

    @Test
    void kafkaComesBackOnTheSameAddressAfterAnOutage() throws Exception {
        InfraChecks.assertKafkaSurvivesAnOutage(bootstrapServers);
    }
}
