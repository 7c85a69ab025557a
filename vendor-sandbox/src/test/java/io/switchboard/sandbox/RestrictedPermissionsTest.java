package io.switchboard.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tenant whose security level / role / user class lacks what the seeds grant gets each vendor's refusal. The
 * permissions are taken away at run time through the control API, as a credential-validation test would.
 */
@QuarkusTest
class RestrictedPermissionsTest {

    @BeforeEach
    void restrict() {
        put("autotask", "[\"Companies\"]");
        put("manage", "[\"inquire:CompanyMaintenance\"]");
        put("automate", "[\"Clients:Read\"]");
    }

    @AfterEach
    void restoreTheSeedPermissions() {
        given().post("/_sandbox/reset").then().statusCode(200);
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
                .body(equalTo("{\"Message\":\"The user class does not grant Computers.ShowAll Access.\"}"));
    }

    @Test
    void resetRestoresTheSeedPermissions() {
        given().post("/_sandbox/reset").then().statusCode(200);
        given().get("/_sandbox/permissions").then().statusCode(200)
                .body("autotask", hasItem("ServiceDesk")).body("manage", hasItem("inquire:ServiceTickets"))
                .body("automate", hasItem("Computers.ShowAll:Access")).body("autotask-impersonation", hasItem("TicketNotes"));
        AutotaskApiTest.at().get(AutotaskApiTest.V1 + "/Tickets/70001").then().statusCode(200);
    }

    @Test
    void badPermissionRequestsAreProblems() {
        given().contentType("application/json").body("[\"x\"]").put("/_sandbox/permissions/nope").then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType("application/json").body("{\"a\":1}").put("/_sandbox/permissions/manage").then().statusCode(400)
                .contentType("application/problem+json").body("detail", equalTo("the body is a JSON array of permission names"));
        given().contentType("application/json").body("[\"\"]").put("/_sandbox/permissions/manage").then().statusCode(400)
                .body("detail", equalTo("permission names are non-empty strings"));
    }

    private static void put(String set, String body) {
        given().contentType("application/json").body(body).put("/_sandbox/permissions/" + set).then().statusCode(200);
    }
}
