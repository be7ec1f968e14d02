package dev.praetor.testsupport;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A second application (other resource arguments) on the same shared infrastructure. */
@QuarkusTest
@WithTestResource(value = PraetorInfraResource.class,
        initArgs = @ResourceArg(name = PraetorInfraResource.DATABASE_ARG, value = "praetor_support_b"))
class SecondDatabaseTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void getsItsOwnDatabaseOnTheSameServers() throws Exception {
        InfraChecks.assertDatabaseReachable(jdbcUrl, "postgres", "postgres", "praetor_support_b");
        InfraChecks.assertSameInfraAsOtherTestClasses(bootstrapServers);
    }

    @Test
    void kafkaComesBackOnTheSameAddressAfterAnOutage() throws Exception {
        InfraChecks.assertKafkaSurvivesAnOutage(bootstrapServers);
    }
}
