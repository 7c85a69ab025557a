package io.switchboard.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A tenant whose security role / level / user class lacks what the seeds grant gets each vendor's refusal. */
@QuarkusTest
@TestProfile(RestrictedPermissionsTest.Restricted.class)
class RestrictedPermissionsTest {
    public static class Restricted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sandbox.autotask.permissions", "Companies", "sandbox.manage.permissions", "inquire:Companies",
                    "sandbox.automate.permissions", "Clients:Read", "sandbox.tls.enabled", "false");
        }
    }

    @Test
    void autotaskWithoutServiceDesk() {
        AutotaskApiTest.at().get(AutotaskApiTest.V1 + "/Tickets/70001").then().statusCode(403).body(equalTo(
                "{\"errors\":[\"The logged in Resource does not have the adequate permissions to query this entity type.\"]}"));
        AutotaskApiTest.at().get(AutotaskApiTest.V1 + "/Companies/174").then().statusCode(200);
    }

    @Test
    void manageWithoutServiceTickets() {
        ManageApiTest.cw().get(ManageApiTest.API + "/service/tickets").then().statusCode(403).body(equalTo(
                "{\"code\":\"Forbidden\",\"message\":\"You do not have inquire access to ServiceTickets in your security role.\"}"));
    }

    @Test
    void automateWithoutComputersShowAll() {
        String token = AutomateApiTest.token();
        given().header("clientId", AutomateApiTest.CLIENT_ID).header("Authorization", "Bearer " + token)
                .get(AutomateApiTest.API + "/Computers").then().statusCode(403)
                .body(equalTo("{\"Message\":\"The user class does not grant Computers ShowAll.\"}"));
    }
}
