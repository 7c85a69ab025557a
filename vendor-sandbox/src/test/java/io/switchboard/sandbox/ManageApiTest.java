package io.switchboard.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.sandbox.data.Json;
import io.switchboard.sandbox.manage.service.ManageCallbacks;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ManageApiTest {
    static final String API = "/v4_6_release/apis/3.0";

    static RequestSpecification cw() {
        return given().auth().preemptive().basic("switchboard_demo+SbPublicKey0001", "SbPrivateKey0001")
                .header("clientId", "7c6a4d1e-2f8b-4b1a-9d3e-5a6b7c8d9e01")
                .accept("application/vnd.connectwise.com+json; version=2022.1").contentType("application/json");
    }

    @BeforeEach
    void reset() {
        given().post("/_sandbox/reset").then().statusCode(200);
    }

    @Test
    void companyInfoWithoutAuthAndNullForUnknown() {
        given().get("/login/companyinfo/switchboard_demo").then().statusCode(200).body("Codebase", equalTo("v2025_1/"))
                .body("CompanyID", equalTo("switchboard_demo")).body("IsCloud", equalTo(true));
        given().get("/login/companyinfo/nobody").then().statusCode(200).body(equalTo("null"));
    }

    @Test
    void authNeedsBasicKeysAndClientId() {
        given().header("clientId", "x").auth().preemptive().basic("switchboard_demo+SbPublicKey0001", "bad")
                .get(API + "/service/tickets").then().statusCode(401).body(equalTo("{\"code\":\"Unauthorized\",\"message\":\"Unauthorized\"}"));
        given().auth().preemptive().basic("switchboard_demo+SbPublicKey0001", "SbPrivateKey0001")
                .get(API + "/service/tickets").then().statusCode(401).body("code", equalTo("Unauthorized"))
                .body("message", containsString("clientId"));
    }

    @Test
    void codebasePathWithDoubleSlashWorks() {
        cw().urlEncodingEnabled(false).get("/v2025_1//apis/3.0/service/tickets/4001").then().statusCode(200).body("id", equalTo(4001));
    }

    @Test
    void conditionsOrderByFieldsAndCount() {
        cw().queryParam("conditions", "board/id = 12 and closedFlag = false and (priority/id in (4,5) or summary contains \"VPN\")")
                .queryParam("orderBy", "id desc").queryParam("fields", "id,board/id,closedFlag").queryParam("pageSize", 1000)
                .get(API + "/service/tickets").then().statusCode(200)
                .body("board.id", everyItem(equalTo(12))).body("closedFlag", everyItem(equalTo(false)))
                .body("[0].summary", equalTo(null)).body("[0].keySet()", equalTo(java.util.Set.of("id", "board", "closedFlag")));
        int n = cw().queryParam("conditions", "board/id = 12").get(API + "/service/tickets/count").then().statusCode(200)
                .extract().path("count");
        assertTrue(n > 0 && n < 400);
        cw().queryParam("conditions", "summary = unquoted").get(API + "/service/tickets").then().statusCode(400)
                .body("message", containsString("Strings must be quoted"));
    }

    @Test
    void navigablePagingWithLinkHeaders() {
        Response r = cw().queryParam("pageSize", 100).queryParam("page", 2).get(API + "/service/tickets");
        r.then().statusCode(200).body("", hasSize(100)).body("[0].id", equalTo(4101));
        String link = r.header("Link");
        assertTrue(link.contains("page=3>; rel=\"next\"") && link.contains("page=4>; rel=\"last\"")
                && link.contains("page=1>; rel=\"prev\""), link);
        cw().queryParam("pageSize", 5000).get(API + "/service/tickets").then().body("", hasSize(400));
        cw().queryParam("pageSize", 100).queryParam("page", 4).get(API + "/service/tickets").then()
                .header("Link", not(containsString("rel=\"next\"")));
    }

    @Test
    void forwardOnlyPagingUsesPageId() {
        Response r = cw().header("pagination-type", "forward-only").queryParam("pageSize", 250).get(API + "/service/tickets");
        r.then().body("", hasSize(250));
        String next = r.header("Link").split(";")[0].replaceAll("[<>]", "");
        assertTrue(next.contains("pageId=4250"), next);
        Response r2 = cw().header("pagination-type", "forward-only").get(next.substring(next.indexOf("/v4_6")));
        r2.then().body("", hasSize(150)).body("[0].id", equalTo(4251));
        assertEquals(null, r2.header("Link"));
    }

    @Test
    void createIs201DeleteIs204PatchTakesOperations() {
        int id = cw().body("{\"summary\":\"New laptop\",\"company\":{\"id\":250},\"board\":{\"name\":\"Help Desk\"}}")
                .post(API + "/service/tickets").then().statusCode(201).body("status.name", equalTo("New"))
                .body("_info.enteredBy", equalTo("switchboard_api")).extract().path("id");
        cw().body("[{\"op\":\"replace\",\"path\":\"status\",\"value\":{\"id\":89}}]").patch(API + "/service/tickets/" + id)
                .then().statusCode(200).body("status.name", equalTo("In Progress"));
        cw().body("{\"text\":\"Imaged laptop\",\"internalAnalysisFlag\":true,\"member\":{\"identifier\":\"jnguyen0\"}}")
                .post(API + "/service/tickets/" + id + "/notes").then().statusCode(201).body("member.identifier", equalTo("jnguyen0"));
        given().get("/_sandbox/write-log?vendor=manage").then().body("[0].by", equalTo("switchboard_api"))
                .body("[0].as", equalTo("jnguyen0"));
        // seed 001 grants delete only on Resource Scheduling
        cw().delete(API + "/service/tickets/" + id).then().statusCode(403);
        int entry = cw().body("{\"objectId\":" + id + ",\"type\":{\"identifier\":\"S\"},\"member\":{\"identifier\":\"jnguyen0\"}}")
                .post(API + "/schedule/entries").then().statusCode(201).extract().path("id");
        cw().get(API + "/service/tickets/" + id + "/scheduleentries").then().body("id", equalTo(List.of(entry)));
        cw().delete(API + "/schedule/entries/" + entry).then().statusCode(204);
        cw().get(API + "/schedule/entries/" + entry).then().statusCode(404)
                .body(equalTo("{\"code\":\"NotFound\",\"message\":\"ScheduleEntry " + entry + " not found\"}"));
        cw().get(API + "/nothing/here").then().statusCode(404)
                .body(equalTo("{\"code\":\"ConnectWiseApi\",\"message\":\"The endpoint does not exist.\"}"));
    }

    @Test
    void validationErrorsUseTheErrorsArray() {
        cw().body("{\"company\":{\"id\":250}}").post(API + "/service/tickets").then().statusCode(400)
                .body(equalTo("{\"code\":\"InvalidObject\",\"message\":\"ticket object is invalid\",\"errors\":[{\"code\":"
                        + "\"MissingRequiredField\",\"message\":\"The summary field is required.\",\"resource\":\"ticket\",\"field\":\"summary\"}]}"));
    }

    @Test
    void securityRoleFromTheSeedDeniesCompanyCreation() {
        cw().body("{\"identifier\":\"X\",\"name\":\"X\"}").post(API + "/company/companies").then().statusCode(403)
                .body("message", containsString("add access to CompanyMaintenance"));
        cw().get(API + "/service/boards/12/statuses").then().statusCode(200).body("", hasSize(6));
    }

    @Test
    void callbacksDuplicateIsObjectExistsAndDeliveriesAreSigned() throws Exception {
        try (Receiver rx = new Receiver()) {
            String cb = "{\"url\":\"" + rx.url("/cw?recordId=") + "\",\"objectId\":1,\"type\":\"ticket\",\"level\":\"owner\","
                    + "\"isSelfSuppressedFlag\":true}";
            cw().body(cb).post(API + "/system/callbacks").then().statusCode(201).body("memberId", equalTo(176));
            cw().body(cb).post(API + "/system/callbacks").then().statusCode(400).body("errors[0].code", equalTo("ObjectExists"));
            // the API member's own change is suppressed, the technician's is delivered
            cw().body("[{\"op\":\"replace\",\"path\":\"summary\",\"value\":\"self\"}]").patch(API + "/service/tickets/4001").then().statusCode(200);
            given().contentType("application/json").body("{\"technician\":\"jnguyen0\",\"fields\":{\"summary\":\"by tech\"}}")
                    .patch("/_sandbox/act/manage/tickets/4002").then().statusCode(200);
            Receiver.Hit hit = rx.next();
            assertEquals("/cw?recordId=4002", hit.path());
            JsonNode body = Json.parse(new String(hit.body(), StandardCharsets.UTF_8));
            assertEquals(List.of("MessageId", "FromUrl", "CompanyId", "MemberId", "Action", "Type", "ID", "ProductInstanceId",
                    "PartnerId", "Entity", "Metadata", "CallbackObjectRecId"), iterable(body));
            assertEquals("jnguyen0", body.get("MemberId").asText());
            assertEquals("by tech", Json.parse(body.get("Entity").asText()).get("summary").asText());
            String keyUrl = body.at("/Metadata/key_url").asText();
            assertTrue(keyUrl.contains("v2025_1//system/callbackkey/index.rails?companyName=switchboard_demo&id="), keyUrl);
            String key = Json.parse(given().urlEncodingEnabled(false).get(keyUrl.substring(keyUrl.indexOf("/v2025_1"))).then().statusCode(200)
                    .extract().asString()).get("signing_key").asText();
            assertEquals(ManageCallbacks.sign(key, hit.body()), hit.header("x-content-signature"));
            Thread.sleep(300);
            assertEquals(0, rx.hits.size());
        }
    }

    private static List<String> iterable(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void memberTokensNeedMemberMaintenanceAdd() {
        cw().body("{\"memberIdentifier\":\"jnguyen0\"}").post(API + "/system/members/jnguyen0/tokens").then().statusCode(403);
        cw().queryParam("pageSize", 3).get(API + "/system/members").then().statusCode(200).body("", hasSize(lessThanOrEqualTo(3)));
    }

    @Test
    void injected429CarriesRetryAfter() {
        given().contentType("application/json").body("{\"rate429\":100}").put("/_sandbox/faults/manage/service/tickets");
        cw().get(API + "/service/tickets/4001").then().statusCode(429).header("Retry-After", "5")
                .body("code", equalTo("TooManyRequests"));
        cw().get(API + "/company/companies/250").then().statusCode(200);
    }

    @Test
    void projectsAgreementsProductsAndCompanyRecordsAreRealShaped() {
        cw().get(API + "/project/projects/5001").then().statusCode(200).body("company.id", equalTo(250))
                .body("board.name", equalTo("Projects")).body("manager._info.member_href", containsString("/system/members/"))
                .body("agreement.id", equalTo(7001)).body("_info.enteredBy", not(equalTo(null)));
        cw().queryParam("conditions", "project/id = 5001").get(API + "/project/tickets").then().statusCode(200)
                .body("", hasSize(2)).body("recordType", everyItem(equalTo("ProjectTicket")));
        cw().get(API + "/project/projects/5001/notes").then().body("", hasSize(1)).body("[0].projectId", equalTo(5001));
        cw().get(API + "/project/projects/5001/teamMembers").then().body("projectRole.name",
                equalTo(List.of("Project Manager", "Engineer")));
        cw().get(API + "/company/companies/250/teams").then().body("[0].teamRole.name", equalTo("Account Manager"))
                .body("[0].company.identifier", equalTo("AcmeDental"));
        cw().get(API + "/company/companies/251/notes").then().body("company.id", everyItem(equalTo(251)));
        cw().queryParam("conditions", "company/id = 250").get(API + "/finance/agreements").then()
                .body("name", equalTo(List.of("Acme Dental Managed Services")));
        cw().queryParam("conditions", "agreement/id = 7001").get(API + "/procurement/products").then()
                .body("[0].billableOption", equalTo("Billable")).body("[0].catalogItem.identifier", not(equalTo(null)));
        cw().get(API + "/system/myCompany/other").then().body("", hasSize(1)).body("[0].serverTimeZone.name",
                equalTo("Eastern Standard Time"));
        cw().body("{}").post(API + "/system/myCompany/other").then().statusCode(405);
        cw().get(API + "/system/documents").then().statusCode(400).body("errors[0].field", equalTo("recordType"));
        cw().get(API + "/company/companies/250/nothing").then().statusCode(404).body("code", equalTo("ConnectWiseApi"));
    }

    @Test
    void projectTicketsAreCreatedOnTheProjectsBoard() {
        int id = cw().body("{\"summary\":\"Cable the new office\",\"project\":{\"id\":5001}}").post(API + "/project/tickets")
                .then().statusCode(201).body("board.name", equalTo("Projects")).body("company.id", equalTo(250))
                .body("status.name", equalTo("New")).body("recordType", equalTo("ProjectTicket")).extract().path("id");
        cw().body("[{\"op\":\"replace\",\"path\":\"summary\",\"value\":\"Cable the office\"}]")
                .patch(API + "/project/tickets/" + id).then().statusCode(200).body("summary", equalTo("Cable the office"));
        cw().body("{\"summary\":\"x\",\"project\":{\"id\":1}}").post(API + "/project/tickets").then().statusCode(400)
                .body("errors[0].field", equalTo("project"));
        cw().body("{\"text\":\"x\"}").post(API + "/service/tickets/1/notes").then().statusCode(404)
                .body(equalTo("{\"code\":\"NotFound\",\"message\":\"Ticket 1 not found\"}"));
    }

    @Test
    void putReplacesAndOrderByFollowsNestedPaths() {
        List<String> names = cw().queryParam("orderBy", "company/name desc, id asc").queryParam("pageSize", 1000)
                .get(API + "/service/tickets").then().statusCode(200).extract().path("company.name");
        List<String> sorted = new java.util.ArrayList<>(names);
        sorted.sort(String.CASE_INSENSITIVE_ORDER.reversed());
        assertEquals(sorted, names);
        assertTrue(names.get(0).startsWith("Pinnacle"), names.get(0));
        Response r = cw().get(API + "/company/contacts/1000");
        String body = r.asString().replace("\"title\":\"Office Manager\"", "\"title\":\"Director\"");
        cw().body(body).put(API + "/company/contacts/1000").then().statusCode(200).body("title", equalTo("Director"))
                .body("_info.updatedBy", equalTo("switchboard_api"));
    }
}
