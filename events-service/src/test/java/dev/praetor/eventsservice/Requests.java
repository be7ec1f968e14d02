package dev.praetor.eventsservice;

import static io.restassured.RestAssured.given;

import dev.praetor.rest.tenancy.Workspace;
import io.restassured.specification.RequestSpecification;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Requests as the gateway forwards them, and events as Prefect's client sends them. */
public final class Requests {
    private Requests() {
    }

    public static RequestSpecification in(UUID workspace) {
        return given().contentType("application/json").header(Workspace.HEADER, workspace.toString());
    }

    /** A task-run state event as the Python client's engine emits it (abridged payload). */
    public static String event(UUID id, String name, String resourceId, OffsetDateTime occurred) {
        return """
                {"occurred": "%s", "event": "%s",
                 "resource": {"prefect.resource.id": "%s", "prefect.resource.name": "load-3f1",
                              "prefect.orchestration": "client", "prefect.state-type": "RUNNING"},
                 "related": [{"prefect.resource.id": "prefect.flow-run.6b4c1e04-6a0e-4d0c-9b2e-1f2d3c4b5a69",
                              "prefect.resource.role": "flow-run", "prefect.resource.name": "crimson-otter"},
                             {"prefect.resource.id": "prefect.tag.db", "prefect.resource.role": "tag"}],
                 "payload": {"intended": {"from": "PENDING", "to": "RUNNING"}, "note": "timeout reached"},
                 "id": "%s", "follows": null}""".formatted(occurred, name, resourceId, id);
    }

    public static String event(UUID id, String name) {
        return event(id, name, "prefect.task-run." + UUID.randomUUID(), OffsetDateTime.now(ZoneOffset.UTC));
    }
}
