package io.switchboard.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.switchboard.sandbox.data.SeedFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every probe of the permission catalogue (/work/coord/permission-spec.md): with the seed permissions the probe gets
 * the vendor's non-permission answer (data, a validation error, a 404), with that one permission removed at run time
 * the vendor's permission refusal, and after a reset the non-permission answer again. Refused writes write nothing.
 */
@QuarkusTest
class PermissionCatalogueTest {
    static final List<String> AUTOTASK = List.of("Resources", "Companies", "ServiceDesk", "Projects", "Sales",
            "Products", "ConfigurationItems", "Contracts", "Tagging", "Webhooks");
    static final List<String> IMPERSONATION = List.of("Tickets", "TicketNotes", "ServiceCalls", "Attachments",
            "TimeEntries");
    static final List<String> MANAGE = manageCatalogue();
    static final List<String> AUTOMATE = List.of("AgentTemplates:Read", "Alerts:Update", "Clients:Read",
            "Clients:Update", "Clients:Delete", "Clients.ShowHidePasswords:Access", "Clients.ShowAll:Access",
            "Contacts:Read", "Contacts:Update", "Contacts:Delete", "Computers.ForceUpdate:Access",
            "Computers.RetiredAssets:Delete", "Computers.ShowAll:Access", "Groups:Create", "Groups:Update",
            "Groups:Delete", "Groups.ScheduledScripts:Update", "Locations.ShowAll:Access", "PatchManager:Read",
            "PatchManager:Update", "Scripts:Read", "Scripts:Update", "Scripts:Delete", "Scripts.ScheduleScripts:Update",
            "Searches.SendCommands:Access", "Tickets:Create", "Tickets:Read", "Tickets:Update", "Tickets:Delete",
            "Tickets.TicketRequests:Access", "ClientLevel.Locations:Read", "ClientLevel.Locations:Edit",
            "ClientLevel.Locations:Delete", "ClientLevel.Projects:Read", "ClientLevel.ProductKeys:Read",
            "ClientLevel.Documents:Read", "ClientLevel.Passwords:Read", "Computer.CommandPrompt:Access",
            "Computer.SoftwareAndTools:Install", "Computer.History:Access", "Computer.Commands:View",
            "Computer.Commands:Send", "Computer.Scripts:Schedule", "Computer.Information:Edit", "Computer.Alerts:Clear",
            "Computer.ScheduledScripts:Delete");
    static final String AT_DENIED = "{\"errors\":[\"The logged in Resource does not have the adequate permissions to %s "
            + "this entity type.\"]}";
    static final String AGENT = "29682801";

    private static List<String> manageCatalogue() {
        List<String> ids = new ArrayList<>();
        for (String e : List.of("ServiceTickets", "ServiceTicketsFinance", "CloseServiceTickets", "ResourceScheduling",
                "MergeTickets", "ServiceTicketDependencies", "CloseProjectTickets", "CloseProjects", "ProjectHeaders",
                "ProjectNotes", "ProjectPhase", "ProjectTickets", "ProjectContacts", "ProjectFinance", "ProjectManagement",
                "ProjectReports", "ProjectTeams", "ProjectTicketDependencies", "ProjectTicketTasks", "Configurations",
                "Contacts", "TeamMembers", "CompanyMaintenance", "ManageAttachments", "CompanyManagement", "CompanyNotes",
                "CompanyReports", "TimeEntry", "TimeEntryBillableOption", "TimeReports", "MemberMaintenance", "TableSetup",
                "MyCompany", "Agreements", "BillingViewTime", "Products")) {
            ids.add("inquire:" + e);
        }
        for (String e : List.of("CloseServiceTickets", "ServiceTickets", "ServiceTicketDependencies", "MergeTickets",
                "ResourceScheduling", "Contacts", "ManageAttachments", "TimeEntry", "TimeEntryBillableOption",
                "BillingViewTime", "CloseProjectTickets", "CloseProjects", "ProjectTicketDependencies",
                "ProjectTicketTasks", "ProjectTickets", "MyCompany")) {
            ids.add("add:" + e);
            ids.add("edit:" + e);
        }
        ids.add("delete:ResourceScheduling");
        return List.copyOf(ids);
    }

    @BeforeEach
    void reset() {
        given().post("/_sandbox/reset").then().statusCode(200);
    }

    /** Removes one id from a set, checks the refusal, resets, and checks the granted answer is back. */
    private static void withoutThenReset(String set, List<String> all, String id, Runnable refused, Runnable granted) {
        List<String> rest = new ArrayList<>(all);
        assertTrue(rest.remove(id), id + " is not in the catalogue of " + set);
        given().contentType("application/json").body(rest).put("/_sandbox/permissions/" + set).then().statusCode(200);
        refused.run();
        given().post("/_sandbox/reset").then().statusCode(200);
        granted.run();
    }

    @Test
    void theSeedSetsAreExactlyTheCatalogue() {
        given().get("/_sandbox/permissions").then().statusCode(200)
                .body("autotask", containsInAnyOrder(AUTOTASK.toArray()))
                .body("autotask-impersonation", containsInAnyOrder(IMPERSONATION.toArray()))
                .body("manage", containsInAnyOrder(MANAGE.toArray()))
                .body("automate", containsInAnyOrder(AUTOMATE.toArray()));
        assertEquals(69, MANAGE.size());
        assertEquals(46, AUTOMATE.size());
    }

    // ------------------------------------------------------------------ Autotask

    private static ValidatableResponse atCount(String entity) {
        return AutotaskApiTest.at().body("{\"filter\":[{\"op\":\"gte\",\"field\":\"id\",\"value\":0}]}")
                .post(AutotaskApiTest.V1 + "/" + entity + "/query/count").then();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Resources,Resources", "Companies,Companies", "ServiceDesk,Tickets", "Projects,Projects",
        "Sales,Opportunities", "Products,Products", "ConfigurationItems,ConfigurationItems", "Contracts,Contracts",
        "Tagging,Tags"})
    void autotaskAreaIsProbedByACount(String area, String entity) {
        Runnable granted = () -> atCount(entity).statusCode(200).body("queryCount", greaterThan(0));
        granted.run();
        withoutThenReset("autotask", AUTOTASK, area,
                () -> atCount(entity).statusCode(403).body(equalTo(String.format(AT_DENIED, "query"))), granted);
    }

    @Test
    void webhooksAreProbedByACountAndARefusedCreate() {
        Runnable granted = () -> {
            atCount("TicketWebhooks").statusCode(200).body("queryCount", equalTo(0));
            AutotaskApiTest.at().body("{}").post(AutotaskApiTest.V1 + "/TicketWebhooks").then().statusCode(500)
                    .body(equalTo("{\"errors\":[\"name is required.\"]}"));
            atCount("TicketWebhooks").statusCode(200).body("queryCount", equalTo(0));
        };
        granted.run();
        withoutThenReset("autotask", AUTOTASK, "Webhooks", () -> {
            atCount("TicketWebhooks").statusCode(403).body(equalTo(String.format(AT_DENIED, "query")));
            AutotaskApiTest.at().body("{}").post(AutotaskApiTest.V1 + "/TicketWebhooks").then().statusCode(403)
                    .body(equalTo(String.format(AT_DENIED, "create")));
        }, granted);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Tickets,/Tickets,Tickets,Tickets,title is required.",
        "TicketNotes,/Tickets/70001/Notes,TicketNotes,TicketNotes,description is required.",
        "ServiceCalls,/ServiceCalls,ServiceCalls,ServiceCalls,companyID is required.",
        "Attachments,/Tickets/70001/Attachments,TicketAttachments,TicketAttachments,title is required.",
        "TimeEntries,/TimeEntries,TimeEntries,TimeEntries,resourceID is required."})
    void impersonationIsProbedByARefusedCreate(String id, String path, String entity, String named, String invalid) {
        long before = atCount(entity).statusCode(200).extract().<Integer>path("queryCount");
        Runnable granted = () -> {
            AutotaskApiTest.at().header("ImpersonationResourceId", AGENT).body("{}").post(AutotaskApiTest.V1 + path)
                    .then().statusCode(500).body(equalTo("{\"errors\":[\"" + invalid + "\"]}"));
            atCount(entity).statusCode(200).body("queryCount", equalTo((int) before));
        };
        granted.run();
        withoutThenReset("autotask-impersonation", IMPERSONATION, id, () -> AutotaskApiTest.at()
                .header("ImpersonationResourceId", AGENT).body("{}").post(AutotaskApiTest.V1 + path).then().statusCode(500)
                .body(equalTo("{\"errors\":[\"The logged in Resource does not have the adequate permissions to "
                        + "impersonate a resource for " + named + ".\"]}")), granted);
        given().get("/_sandbox/write-log").then().body("", hasSize(0));
    }

    @Test
    void impersonationChecksRunInTheDocumentedOrder() {
        String note = AutotaskApiTest.V1 + "/Tickets/70001/Notes";
        // resource exists and is active → not API-only → may be impersonated → (permission) → parent → body
        AutotaskApiTest.at().header("ImpersonationResourceId", "99").body("{}").post(note).then().statusCode(500)
                .body(equalTo("{\"errors\":[\"ImpersonationResourceId 99 is not a valid, active resource.\"]}"));
        AutotaskApiTest.at().header("ImpersonationResourceId", "29682800").body("{}").post(note).then().statusCode(500)
                .body(equalTo("{\"errors\":[\"Impersonation of an API-only resource is not allowed.\"]}"));
        AutotaskApiTest.at().header("ImpersonationResourceId", "29682803").body("{}")
                .post(AutotaskApiTest.V1 + "/Tickets/99999999/Notes").then().statusCode(500)
                .body(equalTo("{\"errors\":[\"The security level of resource 29682803 does not allow impersonation.\"]}"));
        AutotaskApiTest.at().header("ImpersonationResourceId", AGENT).body("{}").post(AutotaskApiTest.V1 + "/Tickets/99999999/Notes")
                .then().statusCode(500)
                .body(equalTo("{\"errors\":[\"The value of ticketID does not reference an existing record.\"]}"));
        // the entity permission comes before every impersonation rule
        given().contentType("application/json").body(List.of("Companies")).put("/_sandbox/permissions/autotask");
        AutotaskApiTest.at().header("ImpersonationResourceId", "29682800").body("{}").post(note).then().statusCode(403)
                .body(equalTo(String.format(AT_DENIED, "create")));
    }

    @Test
    void demoResourcesCoverEachImpersonationCheck() {
        AutotaskApiTest.at().get(AutotaskApiTest.V1 + "/Resources/29682800").then().body("item.licenseType", equalTo(7));
        AutotaskApiTest.at().get(AutotaskApiTest.V1 + "/Resources/" + AGENT).then().body("item.isActive", equalTo(true))
                .body("item.licenseType", equalTo(1)).body("item.defaultServiceDeskRoleID", equalTo(29683461));
        AutotaskApiTest.at().get(AutotaskApiTest.V1 + "/Resources/29682804").then().body("item.isActive", equalTo(true))
                .body("item.licenseType", equalTo(1)).body("item.defaultServiceDeskRoleID", equalTo(null));
        // may be impersonated despite the missing role: the refused create reaches body validation
        AutotaskApiTest.at().header("ImpersonationResourceId", "29682804").body("{}").post(AutotaskApiTest.V1 + "/Tickets")
                .then().statusCode(500).body(equalTo("{\"errors\":[\"title is required.\"]}"));
        given().get("/_sandbox/demo-tenant/env").then()
                .body(containsString("export AUTOTASK_NOT_IMPERSONATABLE_RESOURCE_ID='29682803'\n"))
                .body(containsString("export AUTOTASK_NO_ROLE_RESOURCE_ID='29682804'\n"));
    }

    // ------------------------------------------------------------------ ConnectWise Manage

    private static void manageRefusal(String level, String entry, Supplier<ValidatableResponse> probe) {
        probe.get().statusCode(403).body(equalTo("{\"code\":\"Forbidden\",\"message\":\"You do not have " + level
                + " access to " + entry + " in your security role.\"}"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"ServiceTickets,/service/tickets/count", "ServiceTickets,/service/tickets/NOTED/notes/count",
        "ResourceScheduling,/schedule/entries/count", "ProjectHeaders,/project/projects/count",
        "ProjectTickets,/project/tickets/count", "ProjectNotes,/project/projects/5001/notes/count",
        "ProjectTeams,/project/projects/5001/teamMembers/count", "Configurations,/company/configurations/count",
        "Contacts,/company/contacts/count", "CompanyMaintenance,/company/companies/count",
        "CompanyNotes,/company/companies/250/notes/count", "TeamMembers,/company/companies/250/teams/count",
        "TimeEntry,/time/entries/count", "MemberMaintenance,/system/members/count", "TableSetup,/service/boards/count",
        "TableSetup,/service/boards/12/statuses/count", "TableSetup,/service/priorities/count",
        "MyCompany,/system/myCompany/other/count", "Agreements,/finance/agreements/count",
        "Products,/procurement/products/count", "ManageAttachments,/system/documents/count?recordType=Ticket&recordId=DOC"})
    void manageInquireIsProbedByACount(String entry, String path) {
        String url = ManageApiTest.API + path.replace("DOC", String.valueOf(4001 + seededTicket(SeedFacts.Ticket::attachment)))
                .replace("NOTED", String.valueOf(4001 + seededTicket(t -> t.notes() > 0)));
        Supplier<ValidatableResponse> probe = () -> ManageApiTest.cw().get(url).then();
        Runnable granted = () -> probe.get().statusCode(200).body("count", entry.equals("TimeEntry") ? equalTo(0) : greaterThan(0));
        granted.run();
        withoutThenReset("manage", MANAGE, "inquire:" + entry, () -> manageRefusal("inquire", entry, probe), granted);
    }

    /** Index of the first ticket of the default seed with a property (e.g. a screenshot, seeded as a document). */
    private static int seededTicket(Predicate<SeedFacts.Ticket> test) {
        SeedFacts facts = new SeedFacts(42, SeedFacts.Scale.of("small"));
        int i = 0;
        while (!test.test(facts.ticket(i))) {
            i++;
        }
        return i;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"ServiceTickets,/service/tickets,400,summary", "ServiceTickets,/service/tickets/4001/notes,400,text",
        "ResourceScheduling,/schedule/entries,400,type", "Contacts,/company/contacts,400,firstName",
        "TimeEntry,/time/entries,400,timeStart", "ProjectTickets,/project/tickets,400,summary",
        "ManageAttachments,/system/documents,415,"})
    void manageAddIsProbedByARefusedPost(String entry, String path, int status, String field) {
        String url = ManageApiTest.API + path;
        Supplier<ValidatableResponse> probe = () -> ManageApiTest.cw().body("{}").post(url).then();
        Runnable granted = () -> {
            ValidatableResponse r = probe.get().statusCode(status);
            if (field != null) {
                r.body("code", equalTo("InvalidObject")).body("errors[0].code", equalTo("MissingRequiredField"))
                        .body("errors[0].field", equalTo(field))
                        .body("errors[0].message", equalTo("The " + field + " field is required."));
            }
        };
        int before = manageRows();
        granted.run();
        withoutThenReset("manage", MANAGE, "add:" + entry, () -> manageRefusal("add", entry, probe), granted);
        assertEquals(before, manageRows(), "a refused create wrote nothing");
    }

    private static int manageRows() {
        int n = 0;
        for (String p : List.of("/service/tickets", "/service/tickets/4001/notes", "/schedule/entries", "/company/contacts",
                "/time/entries", "/project/tickets")) {
            n += ManageApiTest.cw().get(ManageApiTest.API + p + "/count").then().extract().<Integer>path("count");
        }
        return n;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({"edit,ServiceTickets,/service/tickets/0,Ticket", "edit,ResourceScheduling,/schedule/entries/0,ScheduleEntry",
        "edit,Contacts,/company/contacts/0,Contact", "edit,TimeEntry,/time/entries/0,TimeEntry",
        "edit,ProjectTickets,/project/tickets/0,ProjectTicket", "edit,ManageAttachments,/system/documents/0,Document",
        "delete,ResourceScheduling,/schedule/entries/0,ScheduleEntry"})
    void manageEditAndDeleteAreProbedOnIdZero(String level, String entry, String path, String record) {
        String url = ManageApiTest.API + path;
        Supplier<ValidatableResponse> probe = () -> level.equals("edit")
                ? ManageApiTest.cw().body("[]").patch(url).then() : ManageApiTest.cw().delete(url).then();
        Runnable granted = () -> probe.get().statusCode(404)
                .body(equalTo("{\"code\":\"NotFound\",\"message\":\"" + record + " 0 not found\"}"));
        granted.run();
        withoutThenReset("manage", MANAGE, level + ":" + entry, () -> manageRefusal(level, entry, probe), granted);
    }

    @Test
    void anEntryTheSeedLacksRefusesUntilGranted() {
        manageRefusal("add", "ProjectHeaders", () -> ManageApiTest.cw().body("{}").post(ManageApiTest.API + "/project/projects").then());
        manageRefusal("delete", "ServiceTickets", () -> ManageApiTest.cw().delete(ManageApiTest.API + "/service/tickets/0").then());
        List<String> more = new ArrayList<>(MANAGE);
        more.add("add:ProjectHeaders");
        given().contentType("application/json").body(more).put("/_sandbox/permissions/manage").then().statusCode(200);
        ManageApiTest.cw().body("{}").post(ManageApiTest.API + "/project/projects").then().statusCode(400)
                .body(equalTo("{\"code\":\"InvalidObject\",\"message\":\"project object is invalid\",\"errors\":[{\"code\":"
                        + "\"MissingRequiredField\",\"message\":\"The name field is required.\",\"resource\":\"project\","
                        + "\"field\":\"name\"}]}"));
    }

    @Test
    void apiMemberIsFoundByIdentifierWithItsSecurityRole() {
        ManageApiTest.cw().queryParam("conditions", "identifier=\"switchboard_api\"").get(ManageApiTest.API + "/system/members")
                .then().statusCode(200).body("", hasSize(1)).body("[0].licenseClass", equalTo("A"))
                .body("[0].securityRole.id", equalTo(70)).body("[0].securityRole.name", equalTo("Neo"))
                .body("[0].securityRole._info.securityRole_href", endsWith("/system/securityRoles/70"));
    }

    // ------------------------------------------------------------------ ConnectWise Automate

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Clients:Read,Clients,Clients Read", "Contacts:Read,Contacts,Contacts Read",
        "Computers.ShowAll:Access,Computers,Computers.ShowAll Access",
        "ClientLevel.Locations:Read,Locations,ClientLevel.Locations Read", "Scripts:Read,Scripts,Scripts Read",
        "Tickets:Read,Tickets,Tickets Read"})
    void automateReadIsProbedByAFirstPage(String right, String list, String named) {
        String token = AutomateApiTest.token();
        Supplier<ValidatableResponse> probe = () -> given().header("clientId", AutomateApiTest.CLIENT_ID)
                .header("Authorization", "Bearer " + token).queryParam("pageSize", 1).get(AutomateApiTest.API + "/" + list).then();
        Runnable granted = () -> probe.get().statusCode(200).body("", hasSize(1));
        granted.run();
        withoutThenReset("automate", AUTOMATE, right, () -> probe.get().statusCode(403)
                .body(equalTo("{\"Message\":\"The user class does not grant " + named + ".\"}")), () -> {
                    // reset also ends every session: log in again
                    String fresh = AutomateApiTest.token();
                    given().header("clientId", AutomateApiTest.CLIENT_ID).header("Authorization", "Bearer " + fresh)
                            .queryParam("pageSize", 1).get(AutomateApiTest.API + "/" + list).then().statusCode(200)
                            .body("", hasSize(1));
                });
    }
}
