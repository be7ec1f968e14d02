package dev.praetor.runs.projections;

import dev.praetor.events.Projections;
import dev.praetor.runs.RunsTestProfile;
import dev.praetor.testsupport.ProjectionSchemaCheck;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The projection tables that V5__projections.sql creates are the ones this service declares, column for column. */
@QuarkusTest
@TestProfile(RunsTestProfile.class)
class ProjectionSchemaTest {

    @Inject
    Projections projections;

    @Inject
    Pool pool;

    @Test
    void migratedProjectionTablesMatchTheirDeclarations() {
        ProjectionSchemaCheck.assertMatches(pool, projections.tables());
    }
}
