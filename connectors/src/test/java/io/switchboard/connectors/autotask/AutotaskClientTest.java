package io.switchboard.connectors.autotask;

import static io.switchboard.connectors.autotask.AutotaskQuery.eq;
import static io.switchboard.connectors.autotask.AutotaskQuery.gt;
import static io.switchboard.connectors.autotask.AutotaskQuery.gte;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.connectors.PermissionProbe;
import io.switchboard.connectors.SandboxControl;
import io.switchboard.connectors.VendorApiException;
import io.switchboard.connectors.http.VendorHttp;
import io.switchboard.connectors.http.VendorUnreachableException;
import io.switchboard.infra.Ports;
import io.switchboard.testsupport.SandboxDemoTenant;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Autotask client against the vendor sandbox's Autotask API, as the demo tenant's API user. */
class AutotaskClientTest {

    private static final VendorHttp HTTP = VendorHttp.defaults();
    private static URI discovery;
    private static AutotaskCredentials credentials;
    private static AutotaskClient client;

    @BeforeAll
    static void connect() {
        discovery = URI.create(SandboxDemoTenant.get("AUTOTASK_API_URL"));
        credentials = new AutotaskCredentials(SandboxDemoTenant.get("AUTOTASK_USERNAME"),
                SandboxDemoTenant.get("AUTOTASK_SECRET"), SandboxDemoTenant.get("AUTOTASK_INTEGRATION_CODE"),
                Long.parseLong(SandboxDemoTenant.get("AUTOTASK_IMPERSONATION_RESOURCE_ID")));
        AutotaskZone zone = AutotaskClient.discoverZone(HTTP, discovery, credentials.username());
        client = AutotaskClient.forZone(HTTP, credentials, zone.url());
    }

    @Test
    void discoversTheZoneWithoutCredentials() {
        AutotaskZone zone = AutotaskClient.discoverZone(HTTP, discovery, credentials.username());
        assertThat(zone.url()).endsWith("/");
        assertThat(zone.ci()).isPositive();
    }

    @Test
    void unknownUserIsAnAuthenticationProblem() {
        assertThatThrownBy(() -> AutotaskClient.discoverZone(HTTP, discovery, "nobody@nowhere.example"))
                .isInstanceOfSatisfying(VendorApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.kind()).isEqualTo(VendorApiException.Kind.AUTHENTICATION);
                    assertThat(e.messages()).containsExactly("Zone information could not be determined");
                });
    }

    @Test
    void followsEveryPageAndAgreesWithCount() {
        List<JsonNode> companies = client.queryAll("Companies", AutotaskQuery.all().maxRecords(7));
        long count = client.count("Companies", AutotaskQuery.all());
        assertThat(companies).hasSize((int) count).hasSizeGreaterThan(7);
        Set<Long> ids = new HashSet<>();
        companies.forEach(c -> ids.add(c.path("id").asLong()));
        assertThat(ids).hasSize(companies.size());
    }

    @Test
    void filtersNestAndIdIdiomWorks() {
        List<JsonNode> first = client.queryAll("Companies", AutotaskQuery.all().maxRecords(3));
        long firstId = first.get(0).path("id").asLong();
        List<JsonNode> one = client.queryAll("Companies",
                AutotaskQuery.where(AutotaskQuery.or(eq("id", firstId), eq("id", -1))));
        assertThat(one).extracting(c -> c.path("id").asLong()).containsExactly(firstId);
        assertThat(client.queryAll("Companies", AutotaskQuery.where(gt("id", firstId), gte("id", 0))))
                .allSatisfy(c -> assertThat(c.path("id").asLong()).isGreaterThan(firstId));
    }

    @Test
    void createsANoteAsTheImpersonatedTechnician() {
        long ticketId = client.queryAll("Tickets", AutotaskQuery.all().maxRecords(1)).get(0).path("id").asLong();
        ObjectNode note = AutotaskQuery.JSON.createObjectNode()
                .put("title", "Switchboard connector test").put("description", "written by AutotaskClientTest")
                .put("noteType", 1).put("publish", 1);
        long noteId = client.createChild("Tickets", ticketId, "Notes", note);
        assertThat(noteId).isPositive();
        JsonNode created = client.get("TicketNotes", noteId);
        assertThat(created.path("ticketID").asLong()).isEqualTo(ticketId);
        // the note is the technician's; the API user is recorded as the one who impersonated
        assertThat(created.path("creatorResourceID").asLong()).isEqualTo(credentials.impersonationResourceId());
        assertThat(created.path("impersonatorCreatorResourceID").asLong())
                .isEqualTo(Long.parseLong(SandboxDemoTenant.get("AUTOTASK_API_RESOURCE_ID")));
    }

    @Test
    void wrongSecretAndWrongIntegrationCodeAreToldApart() {
        AutotaskZone zone = AutotaskClient.discoverZone(HTTP, discovery, credentials.username());
        AutotaskClient wrongSecret = AutotaskClient.forZone(HTTP, new AutotaskCredentials(credentials.username(),
                "not-the-secret", credentials.integrationCode(), null), zone.url());
        AutotaskClient wrongCode = AutotaskClient.forZone(HTTP, new AutotaskCredentials(credentials.username(),
                credentials.secret(), "NOTTHECODE00000000000000000", null), zone.url());
        assertThatThrownBy(() -> wrongSecret.count("Companies", AutotaskQuery.all()))
                .isInstanceOfSatisfying(VendorApiException.class,
                        e -> assertThat(e.kind()).isEqualTo(VendorApiException.Kind.AUTHENTICATION));
        assertThatThrownBy(() -> wrongCode.count("Companies", AutotaskQuery.all()))
                .isInstanceOfSatisfying(VendorApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(VendorApiException.Kind.INVALID_INTEGRATION_CODE);
                    assertThat(e.messages()).containsExactly("IntegrationCode is invalid.");
                });
    }

    @Test
    void missingRecordIsNotFound() {
        assertThatThrownBy(() -> client.get("Tickets", 999_999_999L))
                .isInstanceOfSatisfying(VendorApiException.class,
                        e -> assertThat(e.kind()).isEqualTo(VendorApiException.Kind.NOT_FOUND));
    }

    @Test
    void noAnswerIsUnreachable() {
        URI nothing = URI.create("http://127.0.0.1:" + Ports.free() + "/atservicesrest/");
        assertThatThrownBy(() -> AutotaskClient.discoverZone(VendorHttp.bounded(Duration.ofSeconds(2), Duration.ofSeconds(2), 2),
                nothing, "x"))
                .isInstanceOfSatisfying(VendorUnreachableException.class,
                        e -> assertThat(e.reason()).isEqualTo(VendorUnreachableException.Reason.CONNECTION_REFUSED));
    }

    @Test
    void firstPageIsOnePage() {
        assertThat(client.firstPage("Companies", AutotaskQuery.all().maxRecords(2))).hasSize(2);
    }

    @Test
    void refusedCreateTellsAGrantedPermissionFromAMissingOne() {
        PermissionProbe granted = client.probeCreate("TicketWebhooks");
        assertThat(granted.outcome()).isEqualTo(PermissionProbe.Outcome.GRANTED);
        assertThat(granted.vendorError()).contains("is required");
        assertThat(client.probeQuery("TicketWebhooks").outcome()).isEqualTo(PermissionProbe.Outcome.GRANTED);
        SandboxControl.without("autotask", "Webhooks", () -> {
            assertThat(client.probeQuery("TicketWebhooks").outcome()).isEqualTo(PermissionProbe.Outcome.DENIED);
            PermissionProbe denied = client.probeCreate("TicketWebhooks");
            assertThat(denied.outcome()).isEqualTo(PermissionProbe.Outcome.DENIED);
            assertThat(denied.vendorError()).contains("adequate permissions");
        });
        assertThat(client.count("TicketWebhooks", AutotaskQuery.all())).isZero();
    }

    @Test
    void impersonatedProbeTellsTheResourceFromThePermission() {
        long technician = credentials.impersonationResourceId();
        long apiUser = Long.parseLong(SandboxDemoTenant.get("AUTOTASK_API_RESOURCE_ID"));
        assertThat(client.probeImpersonatedCreate("Tickets", technician).outcome()).isEqualTo(ImpersonationProbe.Outcome.GRANTED);
        assertThat(client.probeImpersonatedCreate("Tickets/0/Notes", technician).outcome())
                .isEqualTo(ImpersonationProbe.Outcome.GRANTED);
        ImpersonationProbe apiOnly = client.probeImpersonatedCreate("Tickets", apiUser);
        assertThat(apiOnly.outcome()).isEqualTo(ImpersonationProbe.Outcome.RESOURCE_REFUSED);
        assertThat(apiOnly.vendorError()).containsIgnoringCase("API-only");
        assertThat(client.probeImpersonatedCreate("Tickets", 1L).outcome()).isEqualTo(ImpersonationProbe.Outcome.RESOURCE_REFUSED);
        SandboxControl.without("autotask-impersonation", "TicketNotes", () -> {
            ImpersonationProbe denied = client.probeImpersonatedCreate("Tickets/0/Notes", technician);
            assertThat(denied.outcome()).isEqualTo(ImpersonationProbe.Outcome.IMPERSONATION_DENIED);
            assertThat(client.probeImpersonatedCreate("Tickets", technician).outcome()).isEqualTo(ImpersonationProbe.Outcome.GRANTED);
        });
        SandboxControl.without("autotask", "ServiceDesk", () -> assertThat(
                client.probeImpersonatedCreate("Tickets", technician).outcome()).isEqualTo(ImpersonationProbe.Outcome.ENTITY_DENIED));
    }

    @Test
    void exceededRequestThresholdIsRateLimited() {
        AutotaskClient once = AutotaskClient.forZone(VendorHttp.bounded(Duration.ofSeconds(2), Duration.ofSeconds(5), 1),
                credentials, AutotaskClient.discoverZone(HTTP, discovery, credentials.username()).url());
        int threshold = SandboxControl.send("PUT", "/_sandbox/autotask/limits", "{}").path("hourlyThreshold").asInt();
        SandboxControl.send("PUT", "/_sandbox/autotask/limits", "{\"hourlyThreshold\": 1}");
        try {
            assertThatThrownBy(() -> once.count("Companies", AutotaskQuery.all()))
                    .isInstanceOfSatisfying(VendorApiException.class, e -> {
                        assertThat(e.kind()).isEqualTo(VendorApiException.Kind.RATE_LIMITED);
                        assertThat(e.messages()).anySatisfy(m -> assertThat(m).contains("threshold"));
                    });
        } finally {
            SandboxControl.send("PUT", "/_sandbox/autotask/limits", "{\"hourlyThreshold\": " + threshold + "}");
        }
    }
}
