package dev.praetor.flows.flows;

import static dev.praetor.flows.flows.Requests.in;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.praetor.flows.FlowsTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bad input always gets Prefect's 4xx bodies, never a 500. */
@QuarkusTest
@TestProfile(FlowsTestProfile.class)
class FlowBadInputTest {
    private final UUID ws = UUID.randomUUID();

    @Test
    void nameWithForbiddenCharacterIsAPatternMismatch() {
        in(ws).body("{\"name\":\"a/b\"}").post("/flows/").then().statusCode(422)
                .body("exception_message", equalTo("Invalid request received."))
                .body("exception_detail[0].type", equalTo("string_pattern_mismatch"))
                .body("exception_detail[0].loc", equalTo(java.util.List.of("body", "name")))
                .body("request_body.name", equalTo("a/b"));
    }

    @Test
    void missingNameIsFieldRequired() {
        in(ws).body("{\"tags\":[]}").post("/flows/").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("missing"))
                .body("exception_detail[0].msg", equalTo("Field required"));
    }

    @Test
    void unknownKeyInAnActionModelIsForbidden() {
        in(ws).body("{\"name\":\"x\",\"color\":\"red\"}").post("/flows/").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("extra_forbidden"))
                .body("exception_detail[0].loc", equalTo(java.util.List.of("body", "color")));
    }

    @Test
    void wrongTypesAreValidationErrors() {
        in(ws).body("{\"name\":42}").post("/flows/").then().statusCode(422).body("exception_detail[0].type", equalTo("string_type"));
        in(ws).body("{\"name\":\"x\",\"tags\":\"not-a-list\"}").post("/flows/").then().statusCode(422);
        in(ws).body("{\"name\":\"x\",\"labels\":{\"nested\":{\"a\":1}}}").post("/flows/").then().statusCode(422);
        in(ws).body("{\"limit\":\"many\"}").post("/flows/filter").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("int_parsing"));
        in(ws).body("{\"sort\":\"SIDEWAYS\"}").post("/flows/filter").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("enum"));
        in(ws).body("[1,2]").post("/flows/filter").then().statusCode(422);
    }

    @Test
    void unknownKeyInsideAFilterObjectIsForbiddenButUnknownTopLevelKeysAreIgnored() {
        in(ws).body("{\"flows\":{\"name\":{\"any_\":[\"x\"],\"bogus_\":1}}}").post("/flows/filter").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("extra_forbidden"))
                .body("exception_detail[0].loc", equalTo(java.util.List.of("body", "flows", "name", "bogus_")));
        in(ws).body("{\"something_new\":{\"a\":1}}").post("/flows/filter").then().statusCode(200);
    }

    @Test
    void limitOutOfRangeIsPrefectsDetail422() {
        in(ws).body("{\"limit\":201}").post("/flows/filter").then().statusCode(422)
                .body("detail", equalTo("Invalid limit: must be less than or equal to 200."));
        in(ws).body("{\"limit\":-1}").post("/flows/filter").then().statusCode(422)
                .body("detail", equalTo("Invalid limit: must be greater than or equal to 0."));
        in(ws).body("{\"offset\":-1}").post("/flows/filter").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(java.util.List.of("body", "offset")));
    }

    @Test
    void malformedJsonIsJsonInvalid() {
        in(ws).body("{\"name\": ").post("/flows/").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("json_invalid"))
                .body("request_body", equalTo("{\"name\": "));
    }

    @Test
    void twoMegabyteNameIsRejectedNotStored() {
        String huge = "n".repeat(2 * 1024 * 1024);
        in(ws).body("{\"name\":\"" + huge + "\"}").post("/flows/").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("string_too_long"));
    }

    @Test
    void bodyOverTheLimitIs413() {
        String huge = "n".repeat(6 * 1024 * 1024);
        in(ws).body("{\"name\":\"" + huge + "\"}").post("/flows/").then().statusCode(413);
    }

    @Test
    void nonUuidInAFilterIsAValidationError() {
        in(ws).body("{\"flows\":{\"id\":{\"any_\":[\"nope\"]}}}").post("/flows/filter").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("uuid_parsing"));
    }

    @Test
    void relatedObjectCriteriaAreAnsweredNotRefused() {
        for (String key : new String[] {"flow_runs", "task_runs", "deployments", "work_pools"}) {
            in(ws).body("{\"" + key + "\":{}}").post("/flows/filter").then().statusCode(200)
                    .body("size()", equalTo(0));
        }
        in(ws).body("{\"flows\":{\"deployment\":{\"is_null_\":true}}}").post("/flows/count").then().statusCode(200);
        // parsed first: a malformed related criterion is a validation error
        in(ws).body("{\"flow_runs\":{\"state\":{\"type\":{\"any_\":[\"NOPE\"]}}}}").post("/flows/filter").then().statusCode(422)
                .body("exception_detail.type", hasItem("enum"));
    }

    @Test
    void methodNotAllowedIsJson() {
        in(ws).get("/flows/filter").then().statusCode(405).body("detail", equalTo("Method Not Allowed"));
    }
}
