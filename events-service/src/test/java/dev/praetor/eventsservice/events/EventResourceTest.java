package dev.praetor.eventsservice.events;

import static dev.praetor.eventsservice.Requests.event;
import static dev.praetor.eventsservice.Requests.in;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.praetor.eventsservice.EventsTestProfile;
import dev.praetor.rest.json.PrefectDateTimes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(EventsTestProfile.class)
class EventResourceTest {
    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);

    /** Posts events (JSON objects) in one request; they are stored when the answer comes. */
    private static void post(UUID workspace, String... events) {
        in(workspace).body("[" + String.join(",", events) + "]").post("/events").then().statusCode(204);
    }

    private static String at(UUID id, String name, String resourceId, int minutesAgo) {
        return event(id, name, resourceId, NOW.minusMinutes(minutesAgo));
    }

    @Test
    void postedEventsAreStoredAndServedAsReceivedEvents() {
        UUID workspace = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        post(workspace, at(id, "prefect.task-run.Running", "prefect.task-run.abc", 1));
        in(workspace).body("{}").post("/events/filter").then().statusCode(200)
                .body("total", equalTo(1))
                .body("next_page", nullValue())
                .body("events[0].id", equalTo(id.toString()))
                .body("events[0].occurred", equalTo(PrefectDateTimes.format(NOW.minusMinutes(1))))
                .body("events[0].resource.'prefect.resource.id'", equalTo("prefect.task-run.abc"))
                .body("events[0].related", hasSize(2))
                .body("events[0].payload.note", equalTo("timeout reached"))
                .body("events[0].follows", nullValue())
                .body("events[0].received", startsWith(NOW.toLocalDate().toString()));
    }

    @Test
    void anotherWorkspaceSeesNone() {
        post(UUID.randomUUID(), at(UUID.randomUUID(), "prefect.task-run.Running", "prefect.task-run.x", 1));
        in(UUID.randomUUID()).body("{}").post("/events/filter").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void anInvalidElementIs422AndNothingIsStored() {
        UUID workspace = UUID.randomUUID();
        String valid = at(UUID.randomUUID(), "prefect.task-run.Running", "prefect.task-run.x", 1);
        String noResourceId = "{\"occurred\": \"" + NOW + "\", \"event\": \"x\", \"resource\": {\"a\": \"b\"}, \"id\": \""
                + UUID.randomUUID() + "\"}";
        in(workspace).body("[" + valid + "," + noResourceId + "]").post("/events").then().statusCode(422)
                .body("exception_detail[0].loc", contains("body", 1, "resource"))
                .body("exception_detail[0].msg", equalTo("Value error, Resources must include the prefect.resource.id label"));
        in(workspace).body("{\"events\": []}").post("/events").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("list_type"));
        in(workspace).body("{}").post("/events/filter").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void filtersByEventNames() {
        UUID workspace = UUID.randomUUID();
        post(workspace, at(UUID.randomUUID(), "prefect.task-run.Running", "prefect.task-run.a", 3),
                at(UUID.randomUUID(), "prefect.task-run.Completed", "prefect.task-run.a", 2),
                at(UUID.randomUUID(), "prefect.flow-run.Running", "prefect.flow-run.b", 1));
        names(workspace, "{\"prefix\": [\"prefect.task-run.\"]}", "prefect.task-run.Completed", "prefect.task-run.Running");
        names(workspace, "{\"exclude_prefix\": [\"prefect.task-run.\"]}", "prefect.flow-run.Running");
        names(workspace, "{\"name\": [\"prefect.task-run.Running\"], \"exclude_name\": null}", "prefect.task-run.Running");
        names(workspace, "{\"exclude_name\": [\"prefect.task-run.Running\"]}", "prefect.flow-run.Running",
                "prefect.task-run.Completed");
        // An empty list is no constraint in event filters.
        names(workspace, "{\"name\": [], \"prefix\": null, \"exclude_prefix\": null, \"exclude_name\": null}",
                "prefect.flow-run.Running", "prefect.task-run.Completed", "prefect.task-run.Running");
    }

    private static void names(UUID workspace, String eventFilter, String... expected) {
        in(workspace).body("{\"filter\": {\"event\": " + eventFilter + "}}").post("/events/filter").then()
                .statusCode(200).body("events.event", contains(expected));
    }

    @Test
    void filtersByResourceRelatedAndAnyResource() {
        UUID workspace = UUID.randomUUID();
        UUID taskEvent = UUID.randomUUID();
        UUID flowEvent = UUID.randomUUID();
        post(workspace, at(taskEvent, "prefect.task-run.Running", "prefect.task-run.t1", 2),
                at(flowEvent, "prefect.flow-run.Running", "prefect.flow-run.6b4c1e04-6a0e-4d0c-9b2e-1f2d3c4b5a69", 1));
        ids(workspace, "{\"resource\": {\"id\": [\"prefect.task-run.t1\"]}}", taskEvent);
        ids(workspace, "{\"resource\": {\"id_prefix\": [\"prefect.flow-run.\"]}}", flowEvent);
        ids(workspace, "{\"resource\": {\"labels\": {\"prefect.resource.id\": \"prefect.task-run.*\"}}}", taskEvent);
        ids(workspace, "{\"resource\": {\"labels\": {\"prefect.resource.name\": [\"load-*\"], "
                + "\"prefect.orchestration\": \"!server\"}}}", flowEvent, taskEvent);
        ids(workspace, "{\"resource\": {\"labels\": {\"prefect.resource.name\": []}}}");
        ids(workspace, "{\"related\": {\"role\": [\"flow-run\"]}}", flowEvent, taskEvent);
        ids(workspace, "{\"related\": [{\"id\": [\"prefect.tag.db\"]}, {\"labels\": {\"prefect.resource.role\": \"tag\"}}]}",
                flowEvent, taskEvent);
        ids(workspace, "{\"related\": {\"resources_in_roles\": [[\"prefect.tag.db\", \"flow-run\"]]}}");
        // The flow run is the primary resource of one event and related to the other.
        ids(workspace, "{\"any_resource\": {\"id\": [\"prefect.flow-run.6b4c1e04-6a0e-4d0c-9b2e-1f2d3c4b5a69\"]}}",
                flowEvent, taskEvent);
        ids(workspace, "{\"any_resource\": [{\"id_prefix\": [\"prefect.task-run.\"]}]}", taskEvent);
        ids(workspace, "{\"id\": {\"id\": [\"" + taskEvent + "\"]}}", taskEvent);
    }

    private static void ids(UUID workspace, String filter, UUID... expected) {
        List<String> found = in(workspace).body("{\"filter\": " + filter + "}").post("/events/filter").then()
                .statusCode(200).extract().path("events.id");
        assertEquals(java.util.Arrays.stream(expected).map(UUID::toString).toList(), found, filter);
    }

    @Test
    void textSearchMatchesNamesResourcesAndPayload() {
        UUID workspace = UUID.randomUUID();
        UUID completed = UUID.randomUUID();
        UUID running = UUID.randomUUID();
        post(workspace, at(completed, "prefect.task-run.Completed", "prefect.task-run.a", 2),
                at(running, "prefect.task-run.Running", "prefect.task-run.b", 1));
        ids(workspace, "{\"text\": {\"query\": \"completed\"}}", completed);
        ids(workspace, "{\"text\": {\"query\": \"\\\"TIMEOUT REACHED\\\" -completed\"}}", running);
        in(workspace).body("{\"filter\": {\"text\": {}}}").post("/events/filter").then().statusCode(422)
                .body("exception_detail[0].loc", contains("body", "filter", "text", "query"));
    }

    @Test
    void pagesFollowTheNextPageLinkInTheRequestedOrder() {
        UUID workspace = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        post(workspace, at(second, "e", "r", 2), at(first, "e", "r", 3), at(third, "e", "r", 1));
        String next = in(workspace).header("X-Forwarded-Prefix", "/api/accounts/a/workspaces/w")
                .header("Host", "praetor.example:4200")
                .body("{\"filter\": {\"order\": \"ASC\"}, \"limit\": 2}").post("/events/filter").then().statusCode(200)
                .body("total", equalTo(3))
                .body("events.id", contains(first.toString(), second.toString()))
                .body("next_page", startsWith("http://praetor.example:4200/api/accounts/a/workspaces/w/events/filter/next?page-token="))
                .extract().path("next_page");
        URI link = URI.create(next);
        in(workspace).urlEncodingEnabled(false).get(link.getRawPath().replace("/api/accounts/a/workspaces/w", "") + "?" + link.getRawQuery())
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("events.id", contains(third.toString()))
                .body("next_page", nullValue());
    }

    @Test
    void aBadPageTokenIsForbidden() {
        in(UUID.randomUUID()).queryParam("page-token", "bm90IGEgdG9rZW4=").get("/events/filter/next").then()
                .statusCode(403).body("detail", equalTo("Forbidden"));
        in(UUID.randomUUID()).get("/events/filter/next").then().statusCode(422);
    }

    @Test
    void limitIsBetweenZeroAndFifty() {
        in(UUID.randomUUID()).body("{\"limit\": 51}").post("/events/filter").then().statusCode(422)
                .body("exception_detail[0].loc", contains("body", "limit"));
        in(UUID.randomUUID()).body("{\"limit\": 0}").post("/events/filter").then().statusCode(200)
                .body("events", hasSize(0));
    }

    @Test
    void countsByEventAndResource() {
        UUID workspace = UUID.randomUUID();
        post(workspace, at(UUID.randomUUID(), "prefect.task-run.Running", "prefect.task-run.a", 3),
                at(UUID.randomUUID(), "prefect.task-run.Running", "prefect.task-run.b", 2),
                at(UUID.randomUUID(), "prefect.task-run.Completed", "prefect.task-run.a", 1));
        in(workspace).body("{\"filter\": {}}").post("/events/count-by/event").then().statusCode(200)
                .body("value", contains("prefect.task-run.Running", "prefect.task-run.Completed"))
                .body("count", contains(2, 1));
        in(workspace).body("{\"filter\": {}}").post("/events/count-by/resource").then().statusCode(200)
                .body("value", contains("prefect.task-run.a", "prefect.task-run.b"))
                .body("label", contains("load-3f1", "load-3f1"));
        in(workspace).body("{\"filter\": {}}").post("/events/count-by/colour").then().statusCode(422);
        in(workspace).body("{}").post("/events/count-by/event").then().statusCode(422)
                .body("exception_detail[0].loc", contains("body", "filter"));
    }

    @Test
    void countsByTimeFillEveryBucketOfTheWindow() {
        UUID workspace = UUID.randomUUID();
        OffsetDateTime today = NOW.truncatedTo(ChronoUnit.DAYS);
        post(workspace, event(UUID.randomUUID(), "e", "r", today.minusDays(1).plusHours(5)),
                event(UUID.randomUUID(), "e", "r", today.minusDays(1).plusHours(6)),
                event(UUID.randomUUID(), "e", "r", today.minusDays(3)));
        String window = "{\"occurred\": {\"since\": \"" + today.minusDays(3) + "\", \"until\": \"" + today.minusNanos(1000) + "\"}}";
        List<Integer> counts = in(workspace).body("{\"filter\": " + window + "}").post("/events/count-by/day").then()
                .statusCode(200)
                .body("value", contains("0", "1", "2"))
                .body("label[0]", equalTo(today.minusDays(3).toLocalDateTime() + ":00+00:00"))
                .extract().path("count");
        assertEquals(List.of(1, 0, 2), counts);
        in(workspace).body("{\"filter\": " + window + ", \"time_unit\": \"second\"}").post("/events/count-by/time")
                .then().statusCode(422).body("detail", startsWith("The given interval would create"));
        in(workspace).body("{\"filter\": " + window + ", \"time_interval\": 0.001}").post("/events/count-by/time")
                .then().statusCode(422).body("exception_detail[0].loc", contains("body", "time_interval"));
    }

    @Test
    void distinctResourcesKeepOneEventPerResource() {
        UUID workspace = UUID.randomUUID();
        UUID latestOfA = UUID.randomUUID();
        UUID onlyOfB = UUID.randomUUID();
        post(workspace, at(UUID.randomUUID(), "e", "prefect.task-run.a", 3), at(latestOfA, "e", "prefect.task-run.a", 1),
                at(onlyOfB, "e", "prefect.task-run.b", 2));
        in(workspace).body("{\"filter\": {\"resource\": {\"distinct\": true}}}").post("/events/filter").then()
                .statusCode(200).body("total", equalTo(2))
                .body("events.id", containsInAnyOrder(latestOfA.toString(), onlyOfB.toString()));
    }
}
