package io.switchboard.connectors.manage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.connectors.PermissionProbe;
import io.switchboard.connectors.SandboxControl;
import io.switchboard.connectors.VendorApiException;
import io.switchboard.connectors.http.Json;
import io.switchboard.connectors.http.QueryString;
import io.switchboard.connectors.http.VendorHttp;
import io.switchboard.testsupport.SandboxDemoTenant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Manage client against the vendor sandbox's Manage API, as the demo tenant's API member. */
class ManageClientTest {

    private static final VendorHttp HTTP = VendorHttp.defaults();
    private static ManageCredentials credentials;
    private static ManageClient client;

    @BeforeAll
    static void connect() {
        credentials = new ManageCredentials(SandboxDemoTenant.get("MANAGE_SITE_URL"), SandboxDemoTenant.get("MANAGE_COMPANY_ID"),
                SandboxDemoTenant.get("MANAGE_PUBLIC_KEY"), SandboxDemoTenant.get("MANAGE_PRIVATE_KEY"),
                SandboxDemoTenant.get("MANAGE_CLIENT_ID"));
        client = ManageClient.connect(HTTP, credentials);
    }

    @Test
    void discoversTheCodebase() {
        ManageCompanyInfo info = ManageClient.companyInfo(HTTP, credentials.siteUrl(), credentials.companyId()).orElseThrow();
        assertThat(info.codebase()).endsWith("/");
        assertThat(ManageClient.companyInfo(HTTP, credentials.siteUrl(), "no_such_company")).isEmpty();
    }

    @Test
    void pagesThroughACollectionAndAgreesWithCount() {
        List<JsonNode> companies = client.listAll("company/companies", ManageQuery.all().pageSize(5));
        assertThat(companies).hasSize((int) client.count("company/companies", null)).hasSizeGreaterThan(5);
        Set<Long> ids = new HashSet<>();
        companies.forEach(c -> ids.add(c.path("id").asLong()));
        assertThat(ids).hasSize(companies.size());
    }

    @Test
    void conditionsFilterOnTheServer() {
        JsonNode first = client.listAll("company/companies", ManageQuery.all().pageSize(1)).get(0);
        String name = first.path("name").asText().replace("\"", "\\\"");
        List<JsonNode> matches = client.listAll("company/companies", ManageQuery.where("name = \"" + name + "\""));
        assertThat(matches).extracting(c -> c.path("id").asLong()).contains(first.path("id").asLong());
        assertThat(client.count("company/companies", "id = " + first.path("id").asLong())).isEqualTo(1);
    }

    @Test
    void createsATicketNoteAndPatchesATicket() {
        JsonNode ticket = client.listAll("service/tickets", ManageQuery.all().pageSize(1)).get(0);
        long ticketId = ticket.path("id").asLong();
        ObjectNode note = Json.MAPPER.createObjectNode().put("text", "written by ManageClientTest").put("internalAnalysisFlag", true);
        JsonNode created = client.create("service/tickets/" + ticketId + "/notes", note);
        assertThat(created.path("id").asLong()).isPositive();
        assertThat(created.path("text").asText()).isEqualTo("written by ManageClientTest");

        JsonNode patched = client.patch("service/tickets/" + ticketId,
                List.of(ManageClient.PatchOperation.replace("summary", "Patched by ManageClientTest")));
        assertThat(patched.path("summary").asText()).isEqualTo("Patched by ManageClientTest");
        assertThat(client.get("service/tickets/" + ticketId).path("summary").asText()).isEqualTo("Patched by ManageClientTest");
    }

    @Test
    void wrongKeyMissingClientIdAndMissingRecordAreToldApart() {
        ManageClient wrongKey = ManageClient.connect(HTTP, new ManageCredentials(credentials.siteUrl(), credentials.companyId(),
                credentials.publicKey(), "not-the-private-key", credentials.clientId()));
        ManageClient noClientId = ManageClient.connect(HTTP, new ManageCredentials(credentials.siteUrl(), credentials.companyId(),
                credentials.publicKey(), credentials.privateKey(), null));
        assertThatThrownBy(() -> wrongKey.count("company/companies", null))
                .isInstanceOfSatisfying(VendorApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.kind()).isEqualTo(VendorApiException.Kind.AUTHENTICATION);
                });
        assertThatThrownBy(() -> noClientId.count("company/companies", null))
                .isInstanceOfSatisfying(VendorApiException.class,
                        e -> assertThat(e.kind()).isEqualTo(VendorApiException.Kind.INVALID_CLIENT_ID));
        assertThatThrownBy(() -> client.get("service/tickets/999999999"))
                .isInstanceOfSatisfying(VendorApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.kind()).isEqualTo(VendorApiException.Kind.NOT_FOUND);
                });
    }

    @Test
    void firstPageIsOnePage() {
        assertThat(client.firstPage("company/companies", ManageQuery.all().pageSize(2))).hasSize(2);
    }

    @Test
    void myCompanyIsProbedByItsList() {
        assertThat(client.probeList("system/myCompany/other").outcome()).isEqualTo(PermissionProbe.Outcome.GRANTED);
        SandboxControl.without("manage", "inquire:MyCompany", () -> assertThat(client.probeList("system/myCompany/other")
                .outcome()).isEqualTo(PermissionProbe.Outcome.DENIED));
    }

    @Test
    void refusedWritesTellAGrantedLevelFromAMissingOne() {
        assertThat(client.probeInquire("schedule/entries", new QueryString()).outcome()).isEqualTo(PermissionProbe.Outcome.GRANTED);
        PermissionProbe add = client.probeAdd("schedule/entries");
        assertThat(add.outcome()).isEqualTo(PermissionProbe.Outcome.GRANTED);
        assertThat(add.status()).isEqualTo(400);
        assertThat(client.probeEdit("schedule/entries").outcome()).isEqualTo(PermissionProbe.Outcome.GRANTED);
        assertThat(client.probeDelete("schedule/entries").outcome()).isEqualTo(PermissionProbe.Outcome.GRANTED);
        for (String level : List.of("inquire", "add", "edit", "delete")) {
            SandboxControl.without("manage", level + ":ResourceScheduling", () -> {
                PermissionProbe denied = switch (level) {
                    case "inquire" -> client.probeInquire("schedule/entries", new QueryString());
                    case "add" -> client.probeAdd("schedule/entries");
                    case "edit" -> client.probeEdit("schedule/entries");
                    default -> client.probeDelete("schedule/entries");
                };
                assertThat(denied.outcome()).as(level).isEqualTo(PermissionProbe.Outcome.DENIED);
                assertThat(denied.status()).isEqualTo(403);
                assertThat(denied.vendorError()).contains("ResourceScheduling");
            });
        }
    }
}
