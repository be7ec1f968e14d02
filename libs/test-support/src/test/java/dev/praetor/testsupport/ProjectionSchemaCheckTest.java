package dev.praetor.testsupport;

import static dev.praetor.events.ProjectionColumn.Type.TEXT;
import static dev.praetor.events.ProjectionColumn.Type.TEXT_ARRAY;
import static dev.praetor.events.ProjectionColumn.Type.TIMESTAMPTZ;
import static dev.praetor.events.ProjectionColumn.Type.UUID;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.praetor.events.ProjectionColumn;
import dev.praetor.events.ProjectionTable;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PraetorInfraResource.class,
        initArgs = @ResourceArg(name = PraetorInfraResource.DATABASE_ARG, value = "praetor_support_projections"))
class ProjectionSchemaCheckTest {

    private static final List<ProjectionColumn> COLUMNS = List.of(
            ProjectionColumn.of("name", TEXT),
            ProjectionColumn.of("tags", TEXT_ARRAY),
            ProjectionColumn.of("seen", TIMESTAMPTZ));
    private static final ProjectionTable WIDGETS = new ProjectionTable("widgets", "widget_projection", COLUMNS);

    @Inject
    Pool pool;

    /** The migration a service would have for {@link #WIDGETS}; each test then changes one thing. */
    @BeforeEach
    void migrate() {
        sql("""
                DROP TABLE IF EXISTS widget_projection, gadget_projection;
                CREATE TABLE widget_projection (
                    id           uuid    PRIMARY KEY,
                    workspace_id uuid    NOT NULL,
                    version      bigint  NOT NULL,
                    deleted      boolean NOT NULL,
                    name         text,
                    tags         text[]  NOT NULL DEFAULT '{}',
                    seen         timestamptz
                )""");
    }

    private void sql(String statements) {
        pool.query(statements).execute().await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void passesWhenTheMigrationMatchesTheDeclaration() {
        ProjectionSchemaCheck.assertMatches(pool, List.of(WIDGETS));
    }

    @Test
    void failsOnAColumnOfAnotherType() {
        sql("ALTER TABLE widget_projection ALTER COLUMN seen TYPE text");
        assertThrows(AssertionError.class, () -> ProjectionSchemaCheck.assertMatches(pool, List.of(WIDGETS)));
    }

    @Test
    void failsOnADeclaredColumnTheMigrationLacks() {
        List<ProjectionColumn> more = new ArrayList<>(COLUMNS);
        more.add(ProjectionColumn.of("owner_id", UUID));
        ProjectionTable declared = new ProjectionTable("widgets", "widget_projection", more);
        assertThrows(AssertionError.class, () -> ProjectionSchemaCheck.assertMatches(pool, List.of(declared)));
    }

    @Test
    void failsOnAMigratedColumnNobodyDeclared() {
        sql("ALTER TABLE widget_projection ADD COLUMN colour text");
        assertThrows(AssertionError.class, () -> ProjectionSchemaCheck.assertMatches(pool, List.of(WIDGETS)));
    }

    /** A delete marker for an id never seen carries none of the projection's own columns. */
    @Test
    void failsOnAnOwnColumnThatRequiresAValue() {
        sql("ALTER TABLE widget_projection ALTER COLUMN name SET NOT NULL");
        assertThrows(AssertionError.class, () -> ProjectionSchemaCheck.assertMatches(pool, List.of(WIDGETS)));
    }

    @Test
    void failsOnAMigratedProjectionTableNobodyDeclared() {
        sql("CREATE TABLE gadget_projection (id uuid PRIMARY KEY)");
        assertThrows(AssertionError.class, () -> ProjectionSchemaCheck.assertMatches(pool, List.of(WIDGETS)));
    }
}
