package io.switchboard.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.sandbox.autotask.service.AutotaskWebhooks;
import io.switchboard.sandbox.data.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AutotaskApiTest {
    static final String V1 = "/ATServicesRest/V1.0";

    static RequestSpecification at() {
        return at("SWITCHBOARDSANDBOXCODE00001");
    }

    static RequestSpecification at(String code) {
        return given().header("ApiIntegrationcode", code)
                .header("UserName", "api.switchboard@sandbox.example").header("Secret", "sandbox-secret-Aut0task")
                .contentType("application/json");
    }

    @BeforeEach
    void reset() {
        given().post("/_sandbox/reset").then().statusCode(200);
    }

    @Test
    void zoneInformationNeedsNoAuthAndEndsWithSlash() {
        given().queryParam("user", "api.switchboard@sandbox.example").get("/atservicesrest/v1.0/zoneInformation").then().statusCode(200)
                .body("url", startsWith("http://localhost")).body("url", org.hamcrest.Matchers.endsWith("/ATServicesRest/"))
                .body("ci", equalTo(512345));
    }

    @Test
    void aDatabaseMovedToAnotherZoneIsDiscoveredThereUntilAReset() {
        given().contentType("application/json").body("{\"origin\":\"https://webservices15.example\"}").put("/_sandbox/autotask/zone")
                .then().statusCode(200).body("origin", equalTo("https://webservices15.example"));
        given().queryParam("user", "api.switchboard@sandbox.example").get("/atservicesrest/v1.0/zoneInformation").then().statusCode(200)
                .body("url", equalTo("https://webservices15.example/ATServicesRest/"))
                .body("webUrl", equalTo("https://webservices15.example/"));
        for (String bad : List.of("{}", "{\"origin\":\"https://x.example/ATServicesRest/\"}", "{\"origin\":\"ftp://x.example\"}",
                "{\"origin\":\"not a url\"}")) {
            given().contentType("application/json").body(bad).put("/_sandbox/autotask/zone").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().post("/_sandbox/reset").then().statusCode(200);
        given().queryParam("user", "api.switchboard@sandbox.example").get("/atservicesrest/v1.0/zoneInformation").then().statusCode(200)
                .body("url", startsWith("http://localhost"));
    }

    @Test
    void unknownZoneUserGives500WithTheRealBody() {
        given().queryParam("user", "nobody@x.example").get("/atservicesrest/v1.0/ZoneInformation").then().statusCode(500)
                .body(equalTo("{\"errors\":[\"Zone information could not be determined\"]}"));
    }

    @Test
    void badSecretIs401AndBadIntegrationCodeIs500() {
        given().header("ApiIntegrationCode", "SWITCHBOARDSANDBOXCODE00001").header("UserName", "api.switchboard@sandbox.example")
                .header("Secret", "wrong").get(V1 + "/Tickets/70001").then().statusCode(401).body(emptyString());
        given().header("APIINTEGRATIONCODE", "nope").header("UserName", "api.switchboard@sandbox.example")
                .header("Secret", "sandbox-secret-Aut0task").get(V1 + "/Tickets/70001").then().statusCode(500)
                .body(equalTo("{\"errors\":[\"IntegrationCode is invalid.\"]}"));
    }

    @Test
    void pathsAndKeysAreCaseInsensitive() {
        at().get("/atservicesrest/v1.0/tickets/70001").then().statusCode(200).body("item.id", equalTo(70001));
        at().body("{\"maxrecords\":2,\"FILTER\":[{\"OP\":\"EQ\",\"Field\":\"ID\",\"Value\":70002}]}")
                .post(V1 + "/TICKETS/QUERY").then().statusCode(200).body("items.id", equalTo(List.of(70002)));
    }

    @Test
    void queriesWithNestedAndOrAndEveryOperator() {
        String body = "{\"filter\":[{\"op\":\"or\",\"items\":[{\"op\":\"and\",\"items\":[{\"op\":\"gte\",\"field\":\"id\",\"value\":70001},"
                + "{\"op\":\"lte\",\"field\":\"id\",\"value\":70003}]},{\"op\":\"in\",\"field\":\"id\",\"value\":[70010,70011]}]},"
                + "{\"op\":\"notIn\",\"field\":\"id\",\"value\":[70002]},{\"op\":\"exist\",\"field\":\"title\"},"
                + "{\"op\":\"notExist\",\"field\":\"contractID\"},{\"op\":\"noteq\",\"field\":\"id\",\"value\":70011}]}";
        at().body(body).post(V1 + "/Tickets/query").then().statusCode(200).body("items.id", equalTo(List.of(70001, 70003, 70010)))
                .body("pageDetails.count", equalTo(3)).body("pageDetails.nextPageUrl", nullValue())
                .body("pageDetails.prevPageUrl", nullValue());
        at().body("{\"filter\":[{\"op\":\"beginsWith\",\"field\":\"companyName\",\"value\":\"acme\"},"
                        + "{\"op\":\"contains\",\"field\":\"companyName\",\"value\":\"DENT\"},{\"op\":\"endsWith\",\"field\":\"companyName\",\"value\":\"al\"}]}")
                .post(V1 + "/Companies/query").then().statusCode(200).body("items.companyName", equalTo(List.of("Acme Dental")));
        at().body("{\"filter\":[{\"op\":\"gt\",\"field\":\"id\",\"value\":70000},{\"op\":\"lt\",\"field\":\"id\",\"value\":70006}]}")
                .post(V1 + "/Tickets/query/count").then().statusCode(200).body(equalTo("{\"queryCount\":5}"));
    }

    @Test
    void getSearchWorksAndMissingFilterIsRejected() {
        at().queryParam("search", "{\"filter\":[{\"op\":\"eq\",\"field\":\"id\",\"value\":70005}]}").get(V1 + "/Tickets/query")
                .then().statusCode(200).body("items[0].id", equalTo(70005));
        at().body("{}").post(V1 + "/Tickets/query").then().statusCode(500)
                .body(equalTo("{\"errors\":[\"The filter parameter is required.\"]}"));
    }

    @Test
    void maxRecordsOutsideOneTo500Is500() {
        for (int bad : new int[] {0, 501}) {
            at().body("{\"MaxRecords\":" + bad + ",\"filter\":[{\"op\":\"gte\",\"field\":\"id\",\"value\":0}]}")
                    .post(V1 + "/Tickets/query").then().statusCode(500)
                    .body(equalTo("{\"errors\":[\"maxCountOfRecordsToReturn must be between 1 and 500\"]}"));
        }
    }

    @Test
    void nextPageIsPostWithTheSameBodyAndGetIs405() {
        String body = "{\"MaxRecords\":150,\"filter\":[{\"op\":\"gte\",\"field\":\"id\",\"value\":0}]}";
        Response first = at().body(body).post(V1 + "/Tickets/query");
        first.then().statusCode(200).body("items", hasSize(150)).body("pageDetails.requestCount", equalTo(150));
        String next = first.path("pageDetails.nextPageUrl");
        assertTrue(next.contains("/V1.0/Tickets/query/next?paging="), next);
        at().get(next).then().statusCode(405);
        Response second = at().body(body).post(next);
        second.then().statusCode(200).body("items[0].id", equalTo(70151)).body("pageDetails.prevPageUrl", containsString("paging="));
        List<Integer> all = new ArrayList<>(first.path("items.id"));
        String url = next;
        while (url != null) {
            Response r = at().body(body).post(url);
            all.addAll(r.path("items.id"));
            url = r.path("pageDetails.nextPageUrl");
        }
        assertEquals(400, all.size());
        assertEquals(400, all.stream().distinct().count());
    }

    @Test
    void getReturnsItemAndUnknownIdIs404() {
        at().get(V1 + "/Companies/174").then().statusCode(200).body("item.companyName", equalTo("Acme Dental"));
        at().get(V1 + "/Tickets/99999999").then().statusCode(404);
    }

    @Test
    void createReturnsItemIdAndPatchGoesToTheCollection() {
        int id = at().body("{\"title\":\"Printer offline\",\"status\":1,\"priority\":2,\"companyID\":174,"
                        + "\"dueDateTime\":\"2026-02-01T00:00:00Z\",\"queueID\":29682833}")
                .post(V1 + "/Tickets").then().statusCode(200).extract().path("itemId");
        at().body("{\"id\":" + id + ",\"status\":8}").patch(V1 + "/Tickets").then().statusCode(200)
                .body(equalTo("{\"itemId\":" + id + "}"));
        at().get(V1 + "/Tickets/" + id).then().body("item.status", equalTo(8)).body("item.title", equalTo("Printer offline"))
                .body("item.creatorResourceID", equalTo(29682800)).body("item.ticketNumber", startsWith("T"));
        at().body("{\"status\":5}").patch(V1 + "/Tickets/" + id).then().statusCode(405);
        at().delete(V1 + "/Tickets/" + id).then().statusCode(405);
    }

    @Test
    void invalidPicklistAndSubIssueParentAreRejected() {
        at().body("{\"id\":70001,\"status\":77}").patch(V1 + "/Tickets").then().statusCode(500)
                .body(equalTo("{\"errors\":[\"Value 77 does not exist in the picklist for status.\"]}"));
        at().body("{\"id\":70001,\"issueType\":10,\"subIssueType\":120}").patch(V1 + "/Tickets").then().statusCode(500)
                .body(equalTo("{\"errors\":[\"subIssueType 120 is not valid for issueType 10.\"]}"));
    }

    @Test
    void fieldsCarryPicklistsWithStringValuesAndParents() {
        Response r = at().get(V1 + "/Tickets/entityInformation/fields");
        r.then().statusCode(200)
                .body("fields.find { it.name == 'status' }.picklistValues.value", hasItem("5"))
                .body("fields.find { it.name == 'status' }.picklistValues.find { it.value == '1' }.label", equalTo("New"))
                .body("fields.find { it.name == 'queueID' }.isPickList", equalTo(true))
                .body("fields.find { it.name == 'subIssueType' }.picklistParentValueField", equalTo("issueType"))
                .body("fields.find { it.name == 'subIssueType' }.picklistValues.find { it.value == '100' }.parentValue", equalTo("10"))
                .body("fields.find { it.name == 'ticketCategory' }.picklistValues", hasSize(2));
        at().get(V1 + "/TicketNotes/entityInformation/fields").then()
                .body("fields.find { it.name == 'noteType' }.picklistValues.value", hasItem("1"))
                .body("fields.find { it.name == 'publish' }.picklistValues.find { it.value == '1' }.label", equalTo("All Autotask Users"));
    }

    @Test
    void notesOnlyViaTicketChildRouteAndImpersonationIsRecorded() {
        at().body("{\"ticketID\":70001,\"description\":\"x\",\"noteType\":1,\"publish\":1}").post(V1 + "/TicketNotes")
                .then().statusCode(405);
        int id = at().header("ImpersonationResourceId", "29682801")
                .body("{\"title\":\"Remote session\",\"description\":\"Cleared spooler\",\"noteType\":1,\"publish\":1}")
                .post(V1 + "/Tickets/70001/Notes").then().statusCode(200).extract().path("itemId");
        at().get(V1 + "/Tickets/70001/Notes").then().statusCode(200).body("items.id", hasItem(id));
        at().get(V1 + "/TicketNotes/" + id).then().body("item.creatorResourceID", equalTo(29682801))
                .body("item.impersonatorCreatorResourceID", equalTo(29682800)).body("item.ticketID", equalTo(70001));
        given().get("/_sandbox/write-log?vendor=autotask").then().statusCode(200)
                .body("find { it.id == " + id + " }.by", equalTo("29682800"))
                .body("find { it.id == " + id + " }.as", equalTo("29682801"));
    }

    @Test
    void impersonationRules() {
        String note = "{\"description\":\"x\",\"noteType\":1,\"publish\":1}";
        at().header("ImpersonationResourceId", "29682800").body(note).post(V1 + "/Tickets/70001/Notes").then().statusCode(500)
                .body(equalTo("{\"errors\":[\"Impersonation of an API-only resource is not allowed.\"]}"));
        // technicians with an odd index sit on a security level that does not allow impersonation
        at().header("ImpersonationResourceId", "29682803").body(note).post(V1 + "/Tickets/70001/Notes").then().statusCode(500)
                .body(equalTo("{\"errors\":[\"The security level of resource 29682803 does not allow impersonation.\"]}"));
        at().header("ImpersonationResourceId", "29682801").body("{\"companyName\":\"X\",\"companyType\":1,\"ownerResourceID\":29682801}")
                .post(V1 + "/Companies").then().statusCode(500).body("errors[0]", containsString("impersonate a resource for Companies"));
    }

    @Test
    void timeEntryResourceMustNotBeAnApiUser() {
        String te = "{\"ticketID\":70001,\"resourceID\":%d,\"roleID\":29683461,\"dateWorked\":\"2026-01-14T00:00:00Z\","
                + "\"hoursWorked\":0.5,\"summaryNotes\":\"Done\"}";
        at().body(String.format(te, 29682800)).post(V1 + "/TimeEntries").then().statusCode(500)
                .body(equalTo("{\"errors\":[\"Time entries cannot be created for an API-only resource (resourceID 29682800).\"]}"));
        int id = at().header("ImpersonationResourceId", "29682801").body(String.format(te, 29682801)).post(V1 + "/TimeEntries")
                .then().statusCode(200).extract().path("itemId");
        at().get(V1 + "/TimeEntries/" + id).then().body("item.impersonatorCreatorResourceID", equalTo(29682800));
        at().delete(V1 + "/TimeEntries/" + id).then().statusCode(200).body(equalTo("{\"itemId\":" + id + "}"));
        at().delete(V1 + "/TimeEntries/" + id).then().statusCode(500).body(equalTo("{\"errors\":[\"No matching records found. "
                + "The logged in Resource may not have the required permissions to delete the data.\"]}"));
    }

    @Test
    void hourlyThresholdIsSharedAcrossIntegrationCodes() {
        given().contentType("application/json").body("{\"hourlyThreshold\":4,\"latencyBands\":false}")
                .put("/_sandbox/autotask/limits").then().statusCode(200);
        at().get(V1 + "/ThresholdInformation").then().statusCode(200)
                .body(equalTo("{\"externalRequestThreshold\":4,\"requestThresholdTimeframe\":60,\"currentTimeframeRequestCount\":1}"));
        at().get(V1 + "/Tickets/70001").then().statusCode(200);
        at("SWITCHBOARDSECONDARYCODE002").get(V1 + "/Tickets/70001").then().statusCode(200);
        at().get(V1 + "/Tickets/70001").then().statusCode(200);
        at("SWITCHBOARDSECONDARYCODE002").get(V1 + "/Tickets/70001").then().statusCode(429)
                .body(equalTo("{\"errors\":[\"The request was rejected because the API request threshold of 4 requests "
                        + "per hour has been exceeded for this database.\"]}"));
        given().queryParam("user", "api.switchboard@sandbox.example").get("/atservicesrest/v1.0/zoneInformation").then().statusCode(200);
    }

    @Test
    void fourthConcurrentRequestPerEndpointIs429() {
        given().contentType("application/json").body("{\"latencyMs\":700}").put("/_sandbox/faults/autotask/Tickets")
                .then().statusCode(200);
        List<CompletableFuture<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> at().get(V1 + "/Tickets/70001")));
        }
        List<Integer> codes = calls.stream().map(c -> c.join().statusCode()).sorted().toList();
        assertEquals(List.of(200, 200, 200, 429), codes);
        at().get(V1 + "/Companies/174").then().statusCode(200);
    }

    @Test
    void injectedFaultsUseTheVendorErrorShape() {
        given().contentType("application/json").body("{\"rate500\":100}").put("/_sandbox/faults/autotask/*").then().statusCode(200);
        at().get(V1 + "/Companies/174").then().statusCode(500).body("errors[0]", containsString("Injected fault"));
    }

    @Test
    void atMostFiveWebhooksAndReadyOnlyAfterASubscribedField() {
        for (int i = 1; i <= 5; i++) {
            at().body(hook("h" + i, "http://127.0.0.1:1/x")).post(V1 + "/TicketWebhooks").then().statusCode(200);
        }
        at().body(hook("h6", "http://127.0.0.1:1/x")).post(V1 + "/TicketWebhooks").then().statusCode(500)
                .body(equalTo("{\"errors\":[\"The maximum number of webhooks (5) allowed for this security level has been reached.\"]}"));
        at().get(V1 + "/TicketWebhooks/1").then().body("item.isReady", equalTo(false)).body("item.webhookGUID", org.hamcrest.Matchers.notNullValue());
        at().body("{\"fieldID\":" + fieldId("status") + ",\"isSubscribedField\":true}").post(V1 + "/TicketWebhooks/1/Fields")
                .then().statusCode(200);
        at().get(V1 + "/TicketWebhooks/1").then().body("item.isReady", equalTo(true));
    }

    @Test
    void theWebhookCapIsAdjustableForLoadTestsAndResetRestoresIt() {
        given().contentType("application/json").body("{\"maxWebhooks\":6}").put("/_sandbox/autotask/limits")
                .then().statusCode(200).body("maxWebhooks", equalTo(6));
        for (int i = 1; i <= 6; i++) {
            at().body(hook("h" + i, "http://127.0.0.1:1/x")).post(V1 + "/TicketWebhooks").then().statusCode(200);
        }
        at().body(hook("h7", "http://127.0.0.1:1/x")).post(V1 + "/TicketWebhooks").then().statusCode(500)
                .body("errors[0]", containsString("(6)"));
        given().post("/_sandbox/reset").then().statusCode(200);
        for (int i = 1; i <= 5; i++) {
            at().body(hook("h" + i, "http://127.0.0.1:1/x")).post(V1 + "/TicketWebhooks").then().statusCode(200);
        }
        at().body(hook("h6", "http://127.0.0.1:1/x")).post(V1 + "/TicketWebhooks").then().statusCode(500)
                .body("errors[0]", containsString("(5)"));
    }

    static String hook(String name, String url) {
        return "{\"name\":\"" + name + "\",\"isActive\":true,\"webhookUrl\":\"" + url + "\",\"deactivationUrl\":\"" + url
                + "deact\",\"secretKey\":\"s3cr3t-Key-For-Tests\",\"isSubscribedToCreateEvents\":true,"
                + "\"isSubscribedToUpdateEvents\":true,\"isSubscribedToDeleteEvents\":true}";
    }

    static int fieldId(String name) {
        List<String> labels = at().get(V1 + "/TicketWebhookFields/entityInformation/fields")
                .path("fields.find { it.name == 'fieldID' }.picklistValues.findAll { it.label == '" + name + "' }.value");
        return Integer.parseInt(labels.get(0));
    }

    @Test
    void calloutsAreSignedOverTheExactBytesWithAutotaskEscaping() throws Exception {
        try (Receiver rx = new Receiver()) {
            int hookId = at().body(hook("sync", rx.url("/at"))).post(V1 + "/TicketWebhooks").then().extract().path("itemId");
            at().body("{\"fieldID\":" + fieldId("status") + ",\"isSubscribedField\":true}").post(V1 + "/TicketWebhooks/" + hookId + "/Fields");
            at().body("{\"fieldID\":" + fieldId("title") + ",\"isDisplayAlwaysField\":true}").post(V1 + "/TicketWebhooks/" + hookId + "/Fields");
            at().body("{\"resourceID\":29682802}").post(V1 + "/TicketWebhooks/" + hookId + "/ExcludedResources").then().statusCode(200);

            given().contentType("application/json").body("{\"technician\":29682802,\"fields\":{\"status\":8}}")
                    .patch("/_sandbox/act/autotask/tickets/70001").then().statusCode(200);
            given().contentType("application/json").body("{\"technician\":29682801,\"fields\":{\"priority\":1}}")
                    .patch("/_sandbox/act/autotask/tickets/70001").then().statusCode(200);
            at().body("{\"id\":70001,\"title\":\"Müller's <printer> & co\",\"status\":9}").patch(V1 + "/Tickets").then().statusCode(200);

            Receiver.Hit hit = rx.next();
            String body = new String(hit.body(), StandardCharsets.UTF_8);
            assertEquals("sha1=" + AutotaskWebhooks.sign("s3cr3t-Key-For-Tests", hit.body()), hit.header("X-Hook-Signature"));
            assertTrue(body.contains("\"Title\":\"M\\u00FCller\\u0027s \\u003Cprinter\\u003E \\u0026 co\""), body);
            JsonNode json = Json.parse(body);
            assertEquals("Update", json.get("Action").asText());
            assertEquals("9", json.at("/Fields/Status").asText());
            assertEquals(29682800, json.get("PersonID").asInt());
            assertEquals(1, json.get("SequenceNumber").asInt());
            assertEquals(0, rx.hits.size(), "excluded resource's change and a non-subscribed change must not call out");
        }
    }

    @Test
    void failedCalloutsAreRetriedFiveTimesThenDeactivateAfter25() throws Exception {
        try (Receiver rx = new Receiver()) {
            rx.status.set(500);
            int hookId = at().body(hook("failing", rx.url("/at"))).post(V1 + "/TicketWebhooks").then().extract().path("itemId");
            at().body("{\"fieldID\":" + fieldId("status") + ",\"isSubscribedField\":true}").post(V1 + "/TicketWebhooks/" + hookId + "/Fields");
            int[] statuses = {8, 7, 9, 10, 8};
            for (int s : statuses) {
                at().body("{\"id\":70001,\"status\":" + s + "}").patch(V1 + "/Tickets").then().statusCode(200);
            }
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < 26; i++) {
                try {
                    paths.add(rx.next().path());
                } catch (AssertionError e) {
                    // says which delivery never came, and what the sandbox counted meanwhile
                    throw new AssertionError(e.getMessage() + " after " + paths + "; sandbox deliveries: "
                            + given().get("/_sandbox/deliveries").asString(), e);
                }
            }
            assertEquals(25, paths.stream().filter(p -> p.equals("/at")).count());
            assertEquals("/atdeact", paths.get(25));
            at().get(V1 + "/TicketWebhooks/" + hookId).then().body("item.isActive", equalTo(false));
            at().body("{\"filter\":[{\"op\":\"eq\",\"field\":\"ticketWebhookID\",\"value\":" + hookId + "}]}")
                    .post(V1 + "/WebhookEventErrorLogs/query").then().body("items", hasSize(5))
                    .body("items.errorMessage", everyItem(equalTo("HTTP 500")));
        }
    }

    @Test
    void resetStopsDeliveriesStillRetrying() throws Exception {
        try (Receiver rx = new Receiver()) {
            rx.status.set(500);
            int hookId = at().body(hook("retrying", rx.url("/at"))).post(V1 + "/TicketWebhooks").then().extract().path("itemId");
            at().body("{\"fieldID\":" + fieldId("status") + ",\"isSubscribedField\":true}").post(V1 + "/TicketWebhooks/" + hookId + "/Fields");
            at().body("{\"id\":70001,\"status\":8}").patch(V1 + "/Tickets").then().statusCode(200);
            rx.next(); // the first attempt failed; retries follow every 40 ms
            given().post("/_sandbox/reset").then().statusCode(200);
            Thread.sleep(500); // longer than the remaining retries would take
            given().get("/_sandbox/deliveries").then().body("failedAttempts", equalTo(0)).body("delivered", equalTo(0));
        }
    }

    @Test
    void pagingStaysWithinThreadLimitOnOtherEndpoints() {
        at().body("{\"filter\":[{\"op\":\"gte\",\"field\":\"id\",\"value\":0}]}").post(V1 + "/Contacts/query")
                .then().statusCode(200).body("pageDetails.count", greaterThan(100));
    }

    @Test
    void putNullsTheWritableFieldsLeftOut() {
        at().body("{\"id\":174,\"companyName\":\"Acme Dental Group\",\"companyType\":1,\"ownerResourceID\":29682801}")
                .put(V1 + "/Companies").then().statusCode(200).body(equalTo("{\"itemId\":174}"));
        at().get(V1 + "/Companies/174").then().body("item.companyName", equalTo("Acme Dental Group"))
                .body("item.phone", nullValue()).body("item.createDate", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void latencyBandsSlowCallsAboveHalfTheThreshold() {
        given().contentType("application/json").body("{\"hourlyThreshold\":4,\"latencyBands\":true}")
                .put("/_sandbox/autotask/limits").then().statusCode(200);
        long t0 = System.nanoTime();
        at().get(V1 + "/Companies/174").then().statusCode(200);
        long fast = (System.nanoTime() - t0) / 1_000_000;
        at().get(V1 + "/Companies/174").then().statusCode(200);
        t0 = System.nanoTime();
        at().get(V1 + "/Companies/174").then().statusCode(200);
        long slow = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(fast < 400 && slow >= 500, "fast " + fast + " ms, slow " + slow + " ms");
    }

    @Test
    void webhookFaultsDuplicateAndDropDeliveries() throws Exception {
        try (Receiver rx = new Receiver()) {
            int hookId = at().body(hook("dup", rx.url("/at"))).post(V1 + "/TicketWebhooks").then().extract().path("itemId");
            at().body("{\"fieldID\":" + fieldId("status") + ",\"isSubscribedField\":true}").post(V1 + "/TicketWebhooks/" + hookId + "/Fields");
            given().contentType("application/json").body("{\"duplicateWebhooks\":100}").put("/_sandbox/faults/autotask/webhooks");
            at().body("{\"id\":70001,\"status\":8}").patch(V1 + "/Tickets").then().statusCode(200);
            assertEquals(new String(rx.next().body(), StandardCharsets.UTF_8), new String(rx.next().body(), StandardCharsets.UTF_8));
            given().contentType("application/json").body("{\"dropWebhooks\":100}").put("/_sandbox/faults/autotask/webhooks");
            at().body("{\"id\":70001,\"status\":7}").patch(V1 + "/Tickets").then().statusCode(200);
            given().get("/_sandbox/deliveries").then().body("dropped", equalTo(1)).body("delivered", equalTo(2));
            assertEquals(0, rx.hits.size());
        }
    }

    @Test
    void timeoutFaultResetsTheConnectionWithoutAnswer() {
        given().contentType("application/json").body("{\"rateTimeout\":100}").put("/_sandbox/faults/autotask/Companies");
        java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://localhost:" + io.restassured.RestAssured.port + V1 + "/Companies/174"))
                .header("ApiIntegrationCode", "SWITCHBOARDSANDBOXCODE00001").header("UserName", "api.switchboard@sandbox.example")
                .header("Secret", "sandbox-secret-Aut0task").build();
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> java.net.http.HttpClient.newHttpClient()
                .send(req, java.net.http.HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void versionInformationAndTicketTimeEntriesChildRoute() {
        given().get("/ATServicesRest/versionInformation").then().statusCode(200).body(equalTo("{\"apiVersions\":[\"1.0\"]}"));
        int id = at().header("ImpersonationResourceId", "29682801").body("{\"resourceID\":29682801,\"roleID\":29683461,"
                        + "\"dateWorked\":\"2026-01-14T00:00:00Z\",\"hoursWorked\":0.25,\"summaryNotes\":\"Checked\"}")
                .post(V1 + "/Tickets/70002/TimeEntries").then().statusCode(200).extract().path("itemId");
        at().get(V1 + "/Tickets/70002/TimeEntries").then().body("items.id", equalTo(List.of(id)))
                .body("items[0].ticketID", equalTo(70002));
        at().queryParam("search", "{\"filter\":[{\"op\":\"eq\",\"field\":\"ticketID\",\"value\":70002}]}")
                .get(V1 + "/TimeEntries/query/count").then().body(equalTo("{\"queryCount\":1}"));
    }

    @Test
    void projectsSalesProductsContractsAndTagsAreSeededFromTheSameFacts() {
        at().get(V1 + "/Projects/29690001").then().statusCode(200).body("item.companyID", equalTo(174))
                .body("item.projectName", startsWith("Server migration - Acme Dental"))
                .body("item.contractID", equalTo(29693001)).body("item.projectType", equalTo(5));
        at().get(V1 + "/Contracts/29693001").then().body("item.contractName", equalTo("Acme Dental Managed Services"))
                .body("item.companyID", equalTo(174)).body("item.contractType", equalTo(7));
        at().body("{\"filter\":[{\"op\":\"eq\",\"field\":\"sku\",\"value\":\"M365-BS\"}]}").post(V1 + "/Products/query")
                .then().body("items.name", equalTo(List.of("Microsoft 365 Business Standard")));
        at().body("{\"filter\":[{\"op\":\"gte\",\"field\":\"id\",\"value\":0}]}").post(V1 + "/Opportunities/query/count")
                .then().body("queryCount", equalTo(8));
        at().body("{\"filter\":[{\"op\":\"eq\",\"field\":\"label\",\"value\":\"VIP\"}]}").post(V1 + "/Tags/query")
                .then().body("items[0].tagGroupID", equalTo(1));
        at().get(V1 + "/Opportunities/entityInformation").then().body("info.name", equalTo("Opportunity"));
        at().get(V1 + "/Projects/entityInformation/fields").then()
                .body("fields.find { it.name == 'projectName' }.isRequired", equalTo(true))
                .body("fields.find { it.name == 'projectType' }.picklistValues.value", hasItem("5"));
    }

    @Test
    void serviceCallsAndTicketAttachmentsAreCreatedAsTheImpersonatedResource() {
        int call = at().header("ImpersonationResourceId", "29682801").body("{\"companyID\":174,\"status\":1,"
                        + "\"startDateTime\":\"2026-02-01T09:00:00Z\",\"endDateTime\":\"2026-02-01T10:00:00Z\",\"description\":\"On site\"}")
                .post(V1 + "/ServiceCalls").then().statusCode(200).extract().path("itemId");
        at().get(V1 + "/ServiceCalls/" + call).then().body("item.creatorResourceID", equalTo(29682801))
                .body("item.impersonatorCreatorResourceID", equalTo(29682800)).body("item.createDateTime", startsWith("20"));
        String png = java.util.Base64.getEncoder().encodeToString(new byte[1234]);
        int att = at().header("ImpersonationResourceId", "29682801").body("{\"title\":\"logs.zip\",\"attachmentType\":"
                        + "\"FILE_ATTACHMENT\",\"fullPath\":\"logs.zip\",\"publish\":1,\"data\":\"" + png + "\"}")
                .post(V1 + "/Tickets/70001/Attachments").then().statusCode(200).extract().path("itemId");
        at().get(V1 + "/TicketAttachments/" + att).then().body("item.fileSize", equalTo(1234.0f))
                .body("item.data", nullValue()).body("item.attachedByResourceID", equalTo(29682801))
                .body("item.ticketID", equalTo(70001));
        at().get(V1 + "/Tickets/70001/Attachments").then().body("items.id", hasItem(att));
        at().body("{\"title\":\"x\",\"attachmentType\":\"URL\",\"publish\":1}").post(V1 + "/TicketAttachments")
                .then().statusCode(405);
        at().body("{\"title\":\"x\",\"attachmentType\":\"FILE_ATTACHMENT\",\"publish\":1}")
                .post(V1 + "/Tickets/70001/Attachments").then().statusCode(500)
                .body(equalTo("{\"errors\":[\"data is required for a FILE_ATTACHMENT.\"]}"));
        at().delete(V1 + "/Tickets/70001/Attachments/" + att).then().statusCode(200);
    }

    @Test
    void technicianDeleteCallsOutWithEmptyFields() throws Exception {
        try (Receiver rx = new Receiver()) {
            int hookId = at().body(hook("del", rx.url("/at"))).post(V1 + "/TicketWebhooks").then().extract().path("itemId");
            at().body("{\"fieldID\":" + fieldId("status") + ",\"isSubscribedField\":true}").post(V1 + "/TicketWebhooks/" + hookId + "/Fields");
            given().contentType("application/json").body("{\"technician\":29682803}").delete("/_sandbox/act/autotask/tickets/70003")
                    .then().statusCode(200);
            JsonNode body = Json.parse(new String(rx.next().body(), StandardCharsets.UTF_8));
            assertEquals("Delete", body.get("Action").asText());
            assertEquals(70003, body.get("Id").asInt());
            assertEquals("{}", body.get("Fields").toString());
            assertEquals(29682803, body.get("PersonID").asInt());
            at().get(V1 + "/Tickets/70003").then().statusCode(404);
        }
    }
}
