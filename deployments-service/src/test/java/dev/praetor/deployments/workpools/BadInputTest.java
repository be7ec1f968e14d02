package dev.praetor.deployments.workpools;

import static dev.praetor.deployments.Requests.in;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.praetor.deployments.DeploymentsTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bad input gets Prefect's 4xx bodies, never a 500. */
@QuarkusTest
@TestProfile(DeploymentsTestProfile.class)
class BadInputTest {
    private static String withSchedule(String schedule) {
        return "{\"flow_id\":\"" + UUID.randomUUID() + "\",\"name\":\"bad\",\"schedules\":[{\"schedule\":" + schedule + "}]}";
    }

    @Test
    void invalidCronTimezoneAndUnknownScheduleKeysAre422() {
        UUID ws = UUID.randomUUID();
        in(ws).body(withSchedule("{\"cron\":\"not cron\"}")).post("/deployments/").then().statusCode(422)
                .body("exception_detail[0].msg", equalTo("Value error, Invalid cron string: \"not cron\""))
                .body("exception_detail[0].loc[1]", equalTo("schedules"));
        in(ws).body(withSchedule("{\"interval\":60,\"timezone\":\"Nowhere/Land\"}")).post("/deployments/").then()
                .statusCode(422).body("exception_detail[0].msg", containsString("Invalid timezone: \"Nowhere/Land\""));
        in(ws).body(withSchedule("{\"interval\":60,\"cron\":\"* * * * *\"}")).post("/deployments/").then()
                .statusCode(422).body("exception_detail[0].type", equalTo("extra_forbidden"));
        in(ws).body(withSchedule("{\"interval\":60,\"colour\":\"red\"}")).post("/deployments/").then()
                .statusCode(422).body("exception_detail[0].type", equalTo("extra_forbidden"));
        in(ws).body(withSchedule("{}")).post("/deployments/").then().statusCode(422);
    }

    @Test
    void missingWorkPoolIs404() {
        in(UUID.randomUUID()).body("{\"flow_id\":\"" + UUID.randomUUID() + "\",\"name\":\"d\",\"work_pool_name\":\"ghost\"}")
                .post("/deployments/").then().statusCode(404).body("detail", equalTo("Work pool \"ghost\" not found."));
        UUID ws = UUID.randomUUID();
        String id = in(ws).body("{\"flow_id\":\"" + UUID.randomUUID() + "\",\"name\":\"d\"}").post("/deployments/").then()
                .statusCode(201).extract().path("id");
        in(ws).body("{\"work_pool_name\":\"ghost\"}").patch("/deployments/" + id).then().statusCode(404)
                .body("detail", equalTo("Work pool \"ghost\" not found."));
        in(ws).body("{\"work_queue_name\":\"q\"}").post("/deployments/" + id + "/create_flow_run").then().statusCode(400);
    }

    @Test
    void namesWithReservedCharactersAre422() {
        UUID ws = UUID.randomUUID();
        for (String name : new String[] {"a/b", "a%b", "a&b", "a>b", "a<b"}) {
            in(ws).body("{\"flow_id\":\"" + UUID.randomUUID() + "\",\"name\":\"" + name + "\"}").post("/deployments/")
                    .then().statusCode(422).body("exception_detail[0].type", equalTo("string_pattern_mismatch"));
            in(ws).body("{\"name\":\"" + name + "\"}").post("/work_pools/").then().statusCode(422);
            in(ws).body("{\"name\":\"" + name + "\"}").post("/work_queues/").then().statusCode(422);
        }
        in(ws).body("{\"name\":\" '' \"}").post("/work_pools/").then().statusCode(422)
                .body("exception_detail[0].msg", equalTo("Value error, name cannot be an empty string"));
    }

    @Test
    void baseJobTemplateMustDeclareItsPlaceholders() {
        in(UUID.randomUUID()).body("{\"name\":\"tpl\",\"base_job_template\":{\"job_configuration\":{\"c\":\"{{ a }}\"},"
                + "\"variables\":{\"properties\":{}}}}").post("/work_pools/").then().statusCode(422)
                .body("exception_detail[0].msg", containsString("undeclared variable(s): a."));
        in(UUID.randomUUID()).body("{\"name\":\"tpl\",\"base_job_template\":{\"variables\":{}}}").post("/work_pools/")
                .then().statusCode(422).body("exception_detail[0].msg", containsString("must contain both"));
    }

    @Test
    void scheduleSubRoutesCheckSlugsAndOwnership() {
        UUID ws = UUID.randomUUID();
        String id = in(ws).body("{\"flow_id\":\"" + UUID.randomUUID() + "\",\"name\":\"slugs\"}").post("/deployments/")
                .then().statusCode(201).extract().path("id");
        in(ws).body("[{\"schedule\":{\"interval\":60},\"slug\":\"s\"}]").post("/deployments/" + id + "/schedules").then()
                .statusCode(201);
        in(ws).body("[{\"schedule\":{\"interval\":60},\"slug\":\"s\"}]").post("/deployments/" + id + "/schedules").then()
                .statusCode(409).body("detail", equalTo("Schedule slugs must be unique within a deployment."));
        in(ws).body("{\"active\":false}").patch("/deployments/" + id + "/schedules/" + UUID.randomUUID()).then()
                .statusCode(404).body("detail", equalTo("Schedule not found."));
        in(ws).body("[]").post("/deployments/" + UUID.randomUUID() + "/schedules").then().statusCode(404)
                .body("detail", equalTo("Deployment not found."));
        in(ws).body("{\"schedules\":[{\"schedule\":{\"interval\":60}}]}").patch("/deployments/" + id).then()
                .statusCode(422).body("detail", equalTo("Please provide a slug for each schedule in your request to "
                        + "ensure schedules are updated correctly."));
        in(ws).body("[{\"schedule\":{\"interval\":60},\"max_scheduled_runs\":51}]").post("/deployments/" + id + "/schedules")
                .then().statusCode(422).body("exception_detail[0].msg",
                        equalTo("Value error, `max_scheduled_runs` must be less than or equal to 50."));
    }

    @Test
    void slugTargetedUpdateKeepsOtherSchedulesAndUpdatesInPlace() {
        UUID ws = UUID.randomUUID();
        String id = in(ws).body("{\"flow_id\":\"" + UUID.randomUUID() + "\",\"name\":\"targeted\",\"schedules\":["
                + "{\"schedule\":{\"interval\":60},\"slug\":\"a\"},{\"schedule\":{\"cron\":\"0 * * * *\"},\"slug\":\"b\"}]}")
                .post("/deployments/").then().statusCode(201).extract().path("id");
        String aId = in(ws).get("/deployments/" + id + "/schedules").then().extract()
                .path("find { it.slug == 'a' }.id");
        in(ws).body("{\"schedules\":[{\"schedule\":{\"interval\":120},\"slug\":\"a\"}]}").patch("/deployments/" + id)
                .then().statusCode(204);
        in(ws).get("/deployments/" + id + "/schedules").then().body("size()", equalTo(2))
                .body("find { it.slug == 'a' }.id", equalTo(aId))
                .body("find { it.slug == 'a' }.schedule.interval", equalTo(120.0f));
    }
}
