package io.switchboard.credential;

import static io.switchboard.credential.Api.ADMIN;
import static io.switchboard.credential.Api.CONNECTIONS;
import static io.switchboard.credential.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.KeycloakTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Validation against the vendor sandbox, per vendor: the demo tenant's credentials connect with every checkable
 * permission ok; then, for every permission of the sandbox's sets in turn, the sandbox takes exactly that one away
 * and the report marks exactly that one missing (or lists it as not-checkable where the permission catalogue says no
 * API call can tell). One saved connection per vendor is re-tested in the loop.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(SandboxTestResource.class)
class ValidationAcceptanceTest {

    /** The catalogue's Manage entries that a probe checks (permission-spec.md); every other one is not-checkable. */
    private static final Set<String> MANAGE_CHECKABLE = Set.of(
            "inquire:ServiceTickets", "inquire:ResourceScheduling", "inquire:ProjectHeaders", "inquire:ProjectNotes",
            "inquire:ProjectTickets", "inquire:ProjectTeams", "inquire:Configurations", "inquire:Contacts",
            "inquire:TeamMembers", "inquire:CompanyMaintenance", "inquire:ManageAttachments", "inquire:CompanyNotes",
            "inquire:TimeEntry", "inquire:MemberMaintenance", "inquire:TableSetup", "inquire:MyCompany",
            "inquire:Agreements", "inquire:Products",
            "add:ServiceTickets", "add:ResourceScheduling", "add:Contacts", "add:ManageAttachments", "add:TimeEntry",
            "add:ProjectTickets",
            "edit:ServiceTickets", "edit:ResourceScheduling", "edit:Contacts", "edit:TimeEntry", "edit:ProjectTickets",
            "delete:ResourceScheduling");
    /** The catalogue's Automate rights that a read shows; writes are never probed. */
    private static final Set<String> AUTOMATE_CHECKABLE = Set.of("Clients:Read", "Contacts:Read", "Computers.ShowAll:Access",
            "ClientLevel.Locations:Read", "Scripts:Read", "Tickets:Read");

    @AfterAll
    static void restoreSandbox() {
        SandboxVendors.reset();
    }

    @Test
    void autotask() {
        String id = Api.create(ADMIN, Api.autotask(Api.demo("AUTOTASK_SECRET"), Api.demo("AUTOTASK_INTEGRATION_CODE")));
        JsonPath connected = view(id);
        assertConnected(connected, Set.of());
        assertThat(connected.getString("validation.discovered.zoneUrl")).startsWith(Api.sandbox());
        assertThat(connected.getString("validation.discovered.zoneSource")).isEqualTo("discovered");
        int webhooks = connected.getInt("validation.discovered.webhooks");
        assertThat(connected.getInt("validation.discovered.webhookSlotsLeft")).isEqualTo(5 - webhooks);
        Map<String, Object> resource = connected.getMap("validation.discovered.impersonationResource");
        assertThat(resource).containsEntry("found", true).containsEntry("active", true).containsEntry("apiOnly", false)
                .containsEntry("mayBeImpersonated", true).containsKey("defaultServiceDeskRoleId");
        assertThat(resource.get("id").toString()).isEqualTo(Api.demo("AUTOTASK_IMPERSONATION_RESOURCE_ID"));

        eachPermissionTakenAway(id, "autotask", Set.of());
        eachPermissionTakenAway(id, "autotask-impersonation", Set.of());
    }

    @Test
    void manage() {
        String id = Api.create(ADMIN, Api.manage(Api.demo("MANAGE_PRIVATE_KEY")));
        JsonPath connected = view(id);
        Set<String> notCheckable = notCheckable(connected);
        assertConnected(connected, notCheckable);
        assertThat(notCheckable).hasSize(permissions(connected).size() - MANAGE_CHECKABLE.size()).doesNotContainAnyElementsOf(MANAGE_CHECKABLE);
        assertThat(connected.getString("validation.discovered.codebase")).isNotBlank();
        assertThat(connected.getBoolean("validation.discovered.apiMember.found")).isTrue();
        assertThat(connected.getString("validation.discovered.apiMember.identifier")).isEqualTo(SandboxVendors.MANAGE_API_MEMBER);
        assertThat(connected.getString("validation.discovered.apiMember.securityRole.name")).isNotBlank();

        eachPermissionTakenAway(id, "manage", notCheckable);
    }

    @Test
    void automate() {
        String id = Api.create(ADMIN, Api.automate(Api.demo("AUTOMATE_PASSWORD")));
        JsonPath connected = view(id);
        Set<String> notCheckable = notCheckable(connected);
        assertConnected(connected, notCheckable);
        assertThat(permissions(connected).keySet()).containsAll(AUTOMATE_CHECKABLE);
        assertThat(notCheckable).hasSize(permissions(connected).size() - AUTOMATE_CHECKABLE.size()).doesNotContainAnyElementsOf(AUTOMATE_CHECKABLE);
        assertThat(connected.getString("validation.discovered.signIn")).isEqualTo("integrator");

        eachPermissionTakenAway(id, "automate", notCheckable);
    }

    @Test
    void automateUserWithTwoFactorSignsInWithTotp() {
        String id = Api.create(ADMIN, twoFactorAutomate(Api.demo("AUTOMATE_MFA_TOTP_SECRET")));
        JsonPath connected = view(id);
        assertConnected(connected, notCheckable(connected));
        assertThat(connected.getString("validation.discovered.signIn")).isEqualTo("totp");
        assertThat(connected.getString("validation.discovered.userName")).isEqualToIgnoringCase(Api.demo("AUTOMATE_MFA_USERNAME"));
    }

    static String twoFactorAutomate(String totpSecret) {
        return """
                {"vendor": "connectwise-automate",
                 "settings": {"serverUrl": "%s", "username": "%s", "clientId": "%s"},
                 "secrets": {"password": "%s"%s}}"""
                .formatted(Api.sandbox(), Api.demo("AUTOMATE_MFA_USERNAME"), Api.demo("AUTOMATE_CLIENT_ID"),
                        Api.demo("AUTOMATE_MFA_PASSWORD"), totpSecret == null ? "" : ", \"totpSecret\": \"" + totpSecret + "\"");
    }

    /**
     * For each permission of the sandbox's {@code set}: without it, the report marks exactly it missing (and fails as
     * missing-permission), unless the catalogue makes it not-checkable (then it is listed so and the rest connects).
     */
    private static void eachPermissionTakenAway(String connectionId, String set, Set<String> notCheckable) {
        Set<String> granted = SandboxVendors.permissions().get(set);
        assertThat(granted).as("sandbox permission set " + set).isNotEmpty();
        for (String permission : granted) {
            Set<String> fewer = new HashSet<>(granted);
            fewer.remove(permission);
            SandboxVendors.grant(set, fewer);
            try {
                JsonPath tested = test(connectionId);
                Map<String, String> statuses = permissions(tested);
                assertThat(statuses).as("the report lists " + set + " permission " + permission).containsKey(permission);
                if (notCheckable.contains(permission)) {
                    assertThat(statuses.get(permission)).as(permission).isEqualTo("not-checkable");
                    assertThat(tested.getString("validationState")).as("without " + permission).isEqualTo("connected");
                } else {
                    assertThat(missing(tested)).as("missing without " + permission).containsExactly(permission);
                    assertThat(tested.getString("validationState")).isEqualTo("failed");
                    assertThat(tested.getString("validation.failure")).as("without " + permission).isEqualTo("missing-permission");
                    assertThat(tested.getString("validation.permissions.find { it.id == '" + permission + "' }.vendorError"))
                            .as("the vendor's words about " + permission).isNotBlank();
                }
            } finally {
                SandboxVendors.grant(set, granted);
            }
        }
        assertConnected(test(connectionId), notCheckable);
    }

    private static void assertConnected(JsonPath view, Set<String> notCheckable) {
        assertThat(view.getString("validation.message")).isNotBlank();
        assertThat(view.getString("validationState")).as(view.prettify()).isEqualTo("connected");
        assertThat(view.getString("validation.failure")).isNull();
        permissions(view).forEach((id, status) ->
                assertThat(status).as(id).isEqualTo(notCheckable.contains(id) ? "not-checkable" : "ok"));
        List<Map<String, Object>> checks = view.getList("validation.permissions");
        assertThat(checks).allSatisfy(check -> {
            assertThat(check.get("label")).isNotNull();
            assertThat(check.get("probe") != null || check.get("reason") != null).as(check.toString()).isTrue();
        });
    }

    static JsonPath test(String id) {
        return as(ADMIN).post(CONNECTIONS + "/" + id + "/test").then().statusCode(200).extract().jsonPath();
    }

    static JsonPath view(String id) {
        return as(ADMIN).get(CONNECTIONS + "/" + id).then().statusCode(200).extract().jsonPath();
    }

    static Map<String, String> permissions(JsonPath view) {
        List<Map<String, Object>> checks = view.getList("validation.permissions");
        return checks.stream().collect(Collectors.toMap(c -> (String) c.get("id"), c -> (String) c.get("status"),
                (a, b) -> { throw new AssertionError("permission listed twice"); }, java.util.LinkedHashMap::new));
    }

    static Set<String> missing(JsonPath view) {
        return permissions(view).entrySet().stream().filter(e -> e.getValue().equals("missing")).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private static Set<String> notCheckable(JsonPath view) {
        return permissions(view).entrySet().stream().filter(e -> e.getValue().equals("not-checkable")).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
