package io.switchboard.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.sandbox.automate.service.Totp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AutomateApiTest {
    static final String API = "/cwa/api/v1";
    static final String CLIENT_ID = "1f0e9d8c-7b6a-4c5d-8e4f-3a2b1c0d9e8f";

    @BeforeEach
    void reset() {
        given().post("/_sandbox/reset").then().statusCode(200);
    }

    static String token() {
        return given().contentType("application/json").body("{\"username\":\"switchboard_integrator\",\"password\":\"sandbox-Automate-pass1\"}")
                .post(API + "/apitoken").then().statusCode(200).body("IsTwoFactorRequired", equalTo(false))
                .extract().path("AccessToken");
    }

    @Test
    void twoFactorUserNeedsATotpCode() {
        String creds = "{\"UserName\":\"immy_tech\",\"Password\":\"sandbox-Automate-pass2\"";
        given().contentType("application/json").body(creds + "}").post(API + "/APIToken").then().statusCode(200)
                .body("IsTwoFactorRequired", equalTo(true)).body("AccessToken", nullValue());
        given().contentType("application/json").body(creds + ",\"TwoFactorPasscode\":\"000000x\"}").post(API + "/apitoken")
                .then().statusCode(401).body(equalTo("{\"Message\":\"The two-factor passcode is invalid.\"}"));
        String code = Totp.code("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", Instant.now().getEpochSecond());
        given().contentType("application/json").body(creds + ",\"TwoFactorPasscode\":\"" + code + "\"}").post(API + "/apitoken")
                .then().statusCode(200).body("AccessToken", notNullValue()).body("TokenType", equalTo("Bearer"));
    }

    @Test
    void totpMatchesRfc6238Vector() {
        // RFC 6238 appendix B, SHA-1 seed "12345678901234567890" (Base32 below), T = 59 → 94287082 (8 digits) → 287082
        org.junit.jupiter.api.Assertions.assertEquals("287082", Totp.code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 59));
    }

    @Test
    void clientIdAndBearerAreRequiredAndRefreshRotates() {
        String t = token();
        given().header("Authorization", "Bearer " + t).get(API + "/Clients").then().statusCode(401);
        given().header("clientId", CLIENT_ID).get(API + "/Clients").then().statusCode(401)
                .body(equalTo("{\"Message\":\"Authorization has been denied for this request.\"}"));
        String fresh = given().header("clientId", CLIENT_ID).contentType("application/json").body("\"" + t + "\"")
                .post(API + "/apitoken/refresh").then().statusCode(200).extract().path("AccessToken");
        given().header("clientId", CLIENT_ID).header("Authorization", "Bearer " + t).get(API + "/Clients").then().statusCode(401);
        given().header("clientId", CLIENT_ID).header("Authorization", "Bearer " + fresh).get(API + "/Clients").then().statusCode(200);
    }

    @Test
    void listsAcceptOptionsPrefixConditionsAndEndWithAnEmptyPage() {
        String t = token();
        given().header("clientId", CLIENT_ID).header("Authorization", "Bearer " + t)
                .queryParam("options.condition", "Client.Id = 1 and Type = 'Server' or Client.Id = 1")
                .queryParam("options.pageSize", 2).queryParam("options.page", 1).queryParam("options.orderBy.name", "ComputerName")
                .queryParam("options.orderBy.type", "Descending").queryParam("includefields", "ComputerName,Client")
                .get(API + "/Computers").then().statusCode(200).body("", hasSize(2)).body("Client.Id", everyItem(equalTo(1)))
                .body("[0].keySet()", equalTo(Set.of("Id", "ComputerName", "Client")));
        given().header("clientId", CLIENT_ID).header("Authorization", "Bearer " + t).queryParam("pagesize", 1000)
                .queryParam("page", 2).get(API + "/computers").then().statusCode(200).body(equalTo("[]"));
        given().header("clientId", CLIENT_ID).header("Authorization", "Bearer " + t).queryParam("ids", "1,2")
                .get(API + "/Clients").then().body("ExternalId", equalTo(List.of("250", "251")));
    }

    @Test
    void locationsGroupsAndScriptsWithIdsAndSingleGet() {
        String t = token();
        given().header("clientId", CLIENT_ID).header("Authorization", "Bearer " + t).queryParam("options.ids", "2")
                .queryParam("condition", "Client.Id = 1").get(API + "/Locations").then().statusCode(200)
                .body("Name", equalTo(List.of("Branch")));
        given().header("clientId", CLIENT_ID).header("Authorization", "Bearer " + t).queryParam("condition", "Depth > 0")
                .get(API + "/Groups").then().body("Name", equalTo(List.of("Servers", "Workstations", "Patching Pilot")));
        given().header("clientId", CLIENT_ID).header("Authorization", "Bearer " + t).get(API + "/Scripts/6001").then()
                .statusCode(200).body("Name", equalTo("Clear Print Spooler"));
        given().header("clientId", CLIENT_ID).header("Authorization", "Bearer " + t).get(API + "/Scripts/1").then()
                .statusCode(404).body(equalTo("{\"Message\":\"The requested item was not found.\"}"));
    }

    @Test
    void contactsAndMonitorTicketsAreListed() {
        String t = token();
        given().header("clientId", CLIENT_ID).header("Authorization", "Bearer " + t).queryParam("condition", "Client.Id = 1")
                .get(API + "/Contacts").then().statusCode(200).body("", hasSize(3)).body("[0].Email", org.hamcrest.Matchers.endsWith("@acmedental.example"));
        int first = given().header("clientId", CLIENT_ID).header("Authorization", "Bearer " + t).queryParam("pageSize", 1)
                .get(API + "/Tickets").then().statusCode(200).body("[0].Subject", org.hamcrest.Matchers.startsWith("Agent offline: "))
                .body("[0].Status.Name", equalTo("New")).extract().path("[0].TicketId");
        given().header("clientId", CLIENT_ID).header("Authorization", "Bearer " + t).get(API + "/Tickets/" + first).then()
                .statusCode(200).body("TicketId", equalTo(first));
        given().header("clientId", CLIENT_ID).header("Authorization", "Bearer " + t).queryParam("ids", first)
                .queryParam("includefields", "Subject").get(API + "/Tickets").then()
                .body("[0].keySet()", equalTo(Set.of("TicketId", "Subject")));
    }

    @Test
    void createsNeedTheUserClassCreateRight() {
        String t = token();
        int id = given().header("clientId", CLIENT_ID).header("Authorization", "Bearer " + t).contentType("application/json")
                .body("{\"Name\":\"Pilot ring\",\"ParentId\":1}").post(API + "/Groups").then().statusCode(200)
                .body("Name", equalTo("Pilot ring")).extract().path("Id");
        given().header("clientId", CLIENT_ID).header("Authorization", "Bearer " + t).get(API + "/Groups/" + id).then()
                .statusCode(200).body("ParentId", equalTo(1));
        // seed 000 grants Clients Read, Update, Delete but not Create
        given().header("clientId", CLIENT_ID).header("Authorization", "Bearer " + t).contentType("application/json")
                .body("{\"Name\":\"Nope\"}").post(API + "/Clients").then().statusCode(403)
                .body(equalTo("{\"Message\":\"The user class does not grant Clients Create.\"}"));
        given().header("clientId", CLIENT_ID).header("Authorization", "Bearer " + t).contentType("application/json")
                .body("{\"ParentId\":1}").post(API + "/Groups").then().statusCode(400)
                .body(equalTo("{\"Message\":\"The request is invalid: a Name is required.\"}"));
    }
}
