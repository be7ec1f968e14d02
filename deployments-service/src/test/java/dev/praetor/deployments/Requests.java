package dev.praetor.deployments;

import static io.restassured.RestAssured.given;

import dev.praetor.rest.tenancy.Workspace;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Requests as the gateway forwards them: JSON, scoped to a workspace. */
public final class Requests {
    private Requests() {
    }

    public static RequestSpecification in(UUID workspace) {
        return given().contentType("application/json").header(Workspace.HEADER, workspace.toString());
    }
}
