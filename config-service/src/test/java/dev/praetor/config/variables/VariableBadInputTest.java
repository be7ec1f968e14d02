package dev.praetor.config.variables;

import static dev.praetor.config.Requests.in;
import static org.hamcrest.Matchers.equalTo;

import dev.praetor.config.ConfigTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Prefect's name and value rules for variables, with its 422 bodies. */
@QuarkusTest
@TestProfile(ConfigTestProfile.class)
class VariableBadInputTest {
    private static final String NAME_RULE =
            "Value error, Variable name must only contain lowercase letters, numbers, and dashes or underscores.";
    private final UUID ws = UUID.randomUUID();

    @Test
    void nameWithSpacesIsAValueError() {
        in(ws).body("{\"name\":\"my var\",\"value\":1}").post("/variables/").then().statusCode(422)
                .body("exception_message", equalTo("Invalid request received."))
                .body("exception_detail[0].type", equalTo("value_error"))
                .body("exception_detail[0].loc", equalTo(List.of("body", "name")))
                .body("exception_detail[0].msg", equalTo(NAME_RULE))
                .body("request_body.name", equalTo("my var"));
    }

    @Test
    void uppercaseNameIsAValueErrorOnPatchToo() {
        in(ws).body("{\"name\":\"Upper\",\"value\":1}").post("/variables/").then().statusCode(422)
                .body("exception_detail[0].msg", equalTo(NAME_RULE));
        String id = in(ws).body("{\"name\":\"ok_name\",\"value\":1}").post("/variables/").then().statusCode(201)
                .extract().path("id");
        in(ws).body("{\"name\":\"not ok\"}").patch("/variables/" + id).then().statusCode(422)
                .body("exception_detail[0].msg", equalTo(NAME_RULE));
    }

    @Test
    void nameLongerThan255IsTooLong() {
        in(ws).body("{\"name\":\"" + "n".repeat(256) + "\",\"value\":1}").post("/variables/").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("string_too_long"));
        in(ws).body("{\"name\":\"" + "n".repeat(255) + "\",\"value\":1}").post("/variables/").then().statusCode(201);
    }

    @Test
    void valueOver5000BytesIsRefused() {
        String big = "x".repeat(4999);
        in(ws).body("{\"name\":\"big\",\"value\":\"" + big + "\"}").post("/variables/").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "value")))
                .body("exception_detail[0].msg", equalTo("Value error, Variable value must be less than 5000 characters"));
        // 4998 characters and two quotes: exactly 5000 bytes
        in(ws).body("{\"name\":\"just-fits\",\"value\":\"" + "x".repeat(4998) + "\"}").post("/variables/").then().statusCode(201);
    }

    @Test
    void valueIsRequiredButMayBeNull() {
        in(ws).body("{\"name\":\"no-value\"}").post("/variables/").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("missing"))
                .body("exception_detail[0].loc", equalTo(List.of("body", "value")));
        in(ws).body("{\"value\":1}").post("/variables/").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "name")));
    }

    @Test
    void integersBeyondSixtyFourBitsCannotBeSerialized() {
        in(ws).body("{\"name\":\"huge\",\"value\":[123456789012345678901234567890]}").post("/variables/").then()
                .statusCode(422).body("exception_detail[0].msg", equalTo("Value error, Variable value must be serializable to JSON"));
    }

    @Test
    void unknownKeysAndWrongTypesAreRefused() {
        in(ws).body("{\"name\":\"x\",\"value\":1,\"color\":\"red\"}").post("/variables/").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("extra_forbidden"));
        in(ws).body("{\"name\":\"x\",\"value\":1,\"tags\":[1]}").post("/variables/").then().statusCode(422);
        String id = in(ws).body("{\"name\":\"typed\",\"value\":1}").post("/variables/").then().statusCode(201).extract().path("id");
        in(ws).body("{\"tags\":\"not-a-list\"}").patch("/variables/" + id).then().statusCode(422)
                .body("exception_detail[0].type", equalTo("list_type"));
        in(ws).body("{\"name\":5}").patch("/variables/" + id).then().statusCode(422)
                .body("exception_detail[0].type", equalTo("string_type"));
        in(ws).body("{\"variables\":{\"tags\":{\"any_\":[\"x\"]}}}").post("/variables/filter").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("extra_forbidden"));
        in(ws).body("{\"sort\":\"KEY_ASC\"}").post("/variables/filter").then().statusCode(422);
        in(ws).body("{\"limit\":201}").post("/variables/filter").then().statusCode(422)
                .body("detail", equalTo("Invalid limit: must be less than or equal to 200."));
    }
}
