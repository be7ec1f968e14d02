package dev.praetor.gateway;

import dev.praetor.testsupport.PraetorInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The gateway's own database (workspaces, API keys) for every gateway test: a real PostgreSQL from
 * {@link PraetorInfraResource}. Declared once, without restriction, so it applies to all test classes.
 */
@QuarkusTestResource(value = PraetorInfraResource.class,
        initArgs = @ResourceArg(name = PraetorInfraResource.DATABASE_ARG, value = "praetor_gateway_test"))
public class GatewayTestDatabase {
}
