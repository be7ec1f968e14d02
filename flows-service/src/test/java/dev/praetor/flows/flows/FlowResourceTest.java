package dev.praetor.flows.flows;

import static dev.praetor.flows.flows.Requests.in;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.praetor.flows.FlowsTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(FlowsTestProfile.class)
class FlowResourceTest {
    private static final String DATETIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?Z";

    private static String create(UUID ws, String body, int status) {
        return in(ws).body(body).post("/flows/").then().statusCode(status).extract().path("id");
    }

    @Test
    void createReturns201ThenTheSameFlowWith200() {
        UUID ws = UUID.randomUUID();
        String id = create(ws, "{\"name\":\"cat-facts\",\"tags\":[\"database\"]}", 201);
        in(ws).body("{\"name\":\"cat-facts\",\"tags\":[\"other\"]}").post("/flows/").then().statusCode(200)
                .body("id", equalTo(id)).body("tags", contains("database"));
    }

    @Test
    void flowJsonHasEveryFieldWithTimezoneAwareDatetimes() {
        UUID ws = UUID.randomUUID();
        in(ws).body("{\"name\":\"shape\",\"labels\":{\"team\":\"data\",\"n\":3,\"ok\":true}}").post("/flows/").then()
                .statusCode(201)
                .body("id", notNullValue())
                .body("created", matchesPattern(DATETIME))
                .body("updated", matchesPattern(DATETIME))
                .body("name", equalTo("shape"))
                .body("tags", hasSize(0))
                .body("labels.team", equalTo("data"))
                .body("labels.n", equalTo(3))
                .body("labels.ok", equalTo(true));
    }

    @Test
    void collectionRootAnswersWithAndWithoutTrailingSlash() {
        UUID ws = UUID.randomUUID();
        in(ws).body("{\"name\":\"slash\"}").post("/flows").then().statusCode(201);
        in(ws).body("{\"name\":\"slash\"}").post("/flows/").then().statusCode(200);
    }

    @Test
    void readsByIdAndByPercentDecodedName() {
        UUID ws = UUID.randomUUID();
        String id = create(ws, "{\"name\":\"my flow\"}", 201);
        in(ws).get("/flows/" + id).then().statusCode(200).body("name", equalTo("my flow"));
        in(ws).get("/flows/" + id.replace("-", "").toUpperCase()).then().statusCode(200).body("id", equalTo(id));
        in(ws).urlEncodingEnabled(false).get("/flows/name/my%20flow").then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void missingFlowIs404WithPrefectsDetail() {
        UUID ws = UUID.randomUUID();
        in(ws).get("/flows/" + UUID.randomUUID()).then().statusCode(404).body("detail", equalTo("Flow not found"));
        in(ws).get("/flows/name/nope").then().statusCode(404).body("detail", equalTo("Flow not found"));
        in(ws).body("{}").patch("/flows/" + UUID.randomUUID()).then().statusCode(404).body("detail", equalTo("Flow not found"));
        in(ws).delete("/flows/" + UUID.randomUUID()).then().statusCode(404).body("detail", equalTo("Flow not found"));
    }

    @Test
    void nonUuidPathIdIsNotFound() {
        in(UUID.randomUUID()).get("/flows/not-a-uuid").then().statusCode(404).body("detail", equalTo("Not Found"));
    }

    @Test
    void unknownRouteIsJsonNotFound() {
        in(UUID.randomUUID()).get("/no/such/route").then().statusCode(404).body("detail", equalTo("Not Found"));
    }

    @Test
    void patchReplacesTagsAndAnswers204WithoutBody() {
        UUID ws = UUID.randomUUID();
        String id = create(ws, "{\"name\":\"patched\",\"tags\":[\"a\"]}", 201);
        in(ws).body("{\"tags\":[\"b\",\"c\"]}").patch("/flows/" + id).then().statusCode(204).body(equalTo(""));
        in(ws).get("/flows/" + id).then().body("tags", contains("b", "c"));
        in(ws).body("{}").patch("/flows/" + id).then().statusCode(204);
        in(ws).get("/flows/" + id).then().body("tags", contains("b", "c"));
    }

    @Test
    void deleteAnswers204ThenTheFlowIsGone() {
        UUID ws = UUID.randomUUID();
        String id = create(ws, "{\"name\":\"doomed\"}", 201);
        in(ws).delete("/flows/" + id).then().statusCode(204).body(equalTo(""));
        in(ws).get("/flows/" + id).then().statusCode(404);
    }

    @Test
    void filterByTagsAllSortedByName() {
        UUID ws = UUID.randomUUID();
        create(ws, "{\"name\":\"b-flow\",\"tags\":[\"database\",\"x\"]}", 201);
        create(ws, "{\"name\":\"a-flow\",\"tags\":[\"database\"]}", 201);
        create(ws, "{\"name\":\"c-flow\",\"tags\":[\"x\"]}", 201);
        in(ws).body("{\"flows\":{\"tags\":{\"all_\":[\"database\"]}},\"sort\":\"NAME_ASC\",\"limit\":5}")
                .post("/flows/filter").then().statusCode(200).body("name", contains("a-flow", "b-flow"));
        in(ws).body("{\"sort\":\"NAME_DESC\",\"limit\":2,\"offset\":1}")
                .post("/flows/filter").then().statusCode(200).body("name", contains("b-flow", "a-flow"));
    }

    @Test
    void filterAcceptsWhatThePythonClientSends() {
        UUID ws = UUID.randomUUID();
        create(ws, "{\"name\":\"client-shaped\"}", 201);
        in(ws).body("{\"flows\":null,\"flow_runs\":null,\"task_runs\":null,\"deployments\":null,\"work_pools\":null,"
                + "\"work_queues\":null,\"sort\":null,\"limit\":null,\"offset\":0}")
                .post("/flows/filter").then().statusCode(200).body("name", contains("client-shaped"));
    }

    @Test
    void filterWithEmptyBodyReturnsFirstPage() {
        UUID ws = UUID.randomUUID();
        create(ws, "{\"name\":\"only\"}", 201);
        in(ws).post("/flows/filter").then().statusCode(200).body("name", contains("only"));
    }

    @Test
    void filterByNameLikeAndIdAny() {
        UUID ws = UUID.randomUUID();
        String id = create(ws, "{\"name\":\"Extract-Load\"}", 201);
        create(ws, "{\"name\":\"other\"}", 201);
        in(ws).body("{\"flows\":{\"name\":{\"like_\":\"extract\"}}}").post("/flows/filter").then().body("id", contains(id));
        in(ws).body("{\"flows\":{\"id\":{\"any_\":[\"" + id + "\"]}}}").post("/flows/filter").then().body("id", contains(id));
        in(ws).body("{\"flows\":{\"id\":{\"any_\":[]}}}").post("/flows/filter").then().body("$", hasSize(0));
    }

    @Test
    void sortsByCreationAndUpdate() {
        UUID ws = UUID.randomUUID();
        String first = create(ws, "{\"name\":\"z-first\"}", 201);
        String second = create(ws, "{\"name\":\"a-second\"}", 201);
        in(ws).body("{\"sort\":\"CREATED_DESC\"}").post("/flows/filter").then().body("id", contains(second, first));
        in(ws).body("{\"tags\":[\"touched\"]}").patch("/flows/" + first).then().statusCode(204);
        in(ws).body("{\"sort\":\"UPDATED_DESC\"}").post("/flows/filter").then().body("id", contains(first, second));
    }

    @Test
    void countIsABareInteger() {
        UUID ws = UUID.randomUUID();
        create(ws, "{\"name\":\"one\",\"tags\":[\"t\"]}", 201);
        create(ws, "{\"name\":\"two\"}", 201);
        in(ws).post("/flows/count").then().statusCode(200).body(equalTo("2"));
        in(ws).body("{\"flows\":{\"tags\":{\"all_\":[\"t\"]}}}").post("/flows/count").then().body(equalTo("1"));
    }

    @Test
    void paginateReportsCountAndPages() {
        UUID ws = UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            create(ws, "{\"name\":\"page-" + i + "\"}", 201);
        }
        in(ws).body("{\"limit\":2,\"page\":2}").post("/flows/paginate").then().statusCode(200)
                .body("results.name", contains("page-2", "page-3"))
                .body("count", equalTo(5)).body("limit", equalTo(2)).body("pages", equalTo(3)).body("page", equalTo(2));
        in(ws).body("{\"limit\":2,\"page\":9}").post("/flows/paginate").then().body("results", hasSize(0)).body("count", equalTo(5));
        in(ws).body("{\"page\":0}").post("/flows/paginate").then().statusCode(422);
    }

    @Test
    void bulkDeleteRemovesMatchingFlowsUpToTheLimit() {
        UUID ws = UUID.randomUUID();
        String a = create(ws, "{\"name\":\"a\",\"tags\":[\"gone\"]}", 201);
        String b = create(ws, "{\"name\":\"b\",\"tags\":[\"gone\"]}", 201);
        create(ws, "{\"name\":\"c\",\"tags\":[\"gone\"]}", 201);
        String kept = create(ws, "{\"name\":\"kept\"}", 201);
        in(ws).body("{\"flows\":{\"tags\":{\"all_\":[\"gone\"]}},\"limit\":2}").post("/flows/bulk_delete").then()
                .statusCode(200).body("deleted", containsInAnyOrder(a, b));
        in(ws).post("/flows/filter").then().body("name", contains("c", "kept"));
        in(ws).body("{\"flows\":{\"name\":{\"any_\":[\"none\"]}}}").post("/flows/bulk_delete").then().body("deleted", hasSize(0));
        in(ws).body("{\"limit\":51}").post("/flows/bulk_delete").then().statusCode(422);
        in(ws).get("/flows/" + kept).then().statusCode(200);
    }

    @Test
    void workspacesAreIsolated() {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        String id = create(mine, "{\"name\":\"private\"}", 201);
        in(theirs).get("/flows/" + id).then().statusCode(404);
        in(theirs).get("/flows/name/private").then().statusCode(404);
        in(theirs).delete("/flows/" + id).then().statusCode(404);
        in(theirs).post("/flows/filter").then().body("id", not(contains(id)));
        // the same name is free in another workspace
        in(theirs).body("{\"name\":\"private\"}").post("/flows/").then().statusCode(201).body("id", not(equalTo(id)));
    }

    @Test
    void requestWithoutWorkspaceIsRefused() {
        io.restassured.RestAssured.given().contentType("application/json").body("{\"name\":\"x\"}").post("/flows/")
                .then().statusCode(400);
    }
}
