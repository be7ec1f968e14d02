package dev.praetor.artifacts.artifacts;

import static dev.praetor.artifacts.artifacts.Requests.in;
import static org.hamcrest.Matchers.equalTo;

import dev.praetor.artifacts.ArtifactsTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bad input always gets Prefect's 4xx bodies, never a 500. */
@QuarkusTest
@TestProfile(ArtifactsTestProfile.class)
class ArtifactBadInputTest {
    private final UUID ws = UUID.randomUUID();

    @Test
    void keyWithUppercaseOrSpacesIsAValueError() {
        in(ws).body("{\"key\":\"Bad Key\"}").post("/artifacts/").then().statusCode(422)
                .body("exception_message", equalTo("Invalid request received."))
                .body("exception_detail[0].type", equalTo("value_error"))
                .body("exception_detail[0].loc", equalTo(List.of("body", "key")))
                .body("exception_detail[0].msg",
                        equalTo("Value error, Artifact key must only contain lowercase letters, numbers, and dashes."))
                .body("request_body.key", equalTo("Bad Key"));
    }

    @Test
    void unknownKeysAreForbiddenInActionModels() {
        in(ws).body("{\"id\":\"" + UUID.randomUUID() + "\"}").post("/artifacts/").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("extra_forbidden"));
        String id = in(ws).body("{}").post("/artifacts/").then().statusCode(201).extract().path("id");
        in(ws).body("{\"key\":\"renamed\"}").patch("/artifacts/" + id).then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "key")));
    }

    @Test
    void metadataValuesMustBeStrings() {
        in(ws).body("{\"metadata_\":{\"n\":1}}").post("/artifacts/").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("string_type"));
        in(ws).body("{\"metadata_\":{\"n\":null}}").post("/artifacts/").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "metadata_", "n")));
        String id = in(ws).body("{}").post("/artifacts/").then().statusCode(201).extract().path("id");
        in(ws).body("{\"metadata_\":{\"n\":true}}").patch("/artifacts/" + id).then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "metadata_", "n")));
        in(ws).body("{\"description\":5}").patch("/artifacts/" + id).then().statusCode(422)
                .body("exception_detail[0].type", equalTo("string_type"));
    }

    @Test
    void nonUuidRunIdIsAValidationError() {
        in(ws).body("{\"flow_run_id\":\"nope\"}").post("/artifacts/").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("uuid_parsing"));
    }

    @Test
    void limitAndSortAreChecked() {
        in(ws).body("{\"limit\":201}").post("/artifacts/filter").then().statusCode(422)
                .body("detail", equalTo("Invalid limit: must be less than or equal to 200."));
        in(ws).body("{\"sort\":\"NAME_ASC\"}").post("/artifacts/filter").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("enum"));
        in(ws).body("{\"offset\":-1}").post("/artifacts/latest/filter").then().statusCode(422);
    }

    @Test
    void unknownKeyInsideAFilterIsForbidden() {
        in(ws).body("{\"artifacts\":{\"name\":{\"any_\":[\"x\"]}}}").post("/artifacts/filter").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("extra_forbidden"));
        in(ws).body("{\"artifacts\":{\"id\":{\"any_\":[\"x\"]}}}").post("/artifacts/latest/filter").then().statusCode(422);
    }

    @Test
    void relatedObjectCriteriaAreAnsweredNotRefused() {
        for (String key : new String[] {"flow_runs", "task_runs", "flows", "deployments"}) {
            in(ws).body("{\"" + key + "\":{}}").post("/artifacts/filter").then().statusCode(200)
                    .body("size()", equalTo(0));
            in(ws).body("{\"" + key + "\":{}}").post("/artifacts/latest/count").then().statusCode(200);
        }
        in(ws).body("{\"flow_runs\":null,\"task_runs\":null,\"flows\":null,\"deployments\":null}")
                .post("/artifacts/count").then().statusCode(200);
        // parsed first: a malformed related criterion is a validation error
        in(ws).body("{\"flow_runs\":{\"bogus\":1}}").post("/artifacts/filter").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("extra_forbidden"));
    }

    @Test
    void bodyFarOverTheLimitIs413() {
        String huge = "x".repeat(6 * 1024 * 1024);
        in(ws).body("{\"data\":\"" + huge + "\"}").post("/artifacts/").then().statusCode(413)
                .body("detail", equalTo("Request body too large."));
    }

    @Test
    void dataJustUnderTheLimitIsStored() {
        String big = "y".repeat(4 * 1024 * 1024);
        String id = in(ws).body("{\"data\":\"" + big + "\"}").post("/artifacts/").then().statusCode(201).extract().path("id");
        in(ws).get("/artifacts/" + id).then().statusCode(200).body("data.length()", equalTo(big.length()));
    }

    @Test
    void methodNotAllowedIsJson() {
        in(ws).get("/artifacts/filter").then().statusCode(405).body("detail", equalTo("Method Not Allowed"));
        in(ws).post("/artifacts/some-key/latest").then().statusCode(405);
    }
}
