package io.switchboard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The realm file in deploy/keycloak, imported into a real Keycloak: roles, tenant claim and service identities. */
class KeycloakRealmTest {

    @Test
    void adminTokenCarriesTenantAndAdminRole() {
        JsonNode claims = Tokens.claims(Tokens.user("demo-admin"));
        assertThat(claims.path("tenant").asText()).isEqualTo("demo-msp");
        assertThat(roles(claims)).contains("msp-admin", "msp-viewer").doesNotContain("service");
        assertThat(claims.path("iss").asText()).isEqualTo(SharedInfra.keycloak().realmUrl());
    }

    @Test
    void viewerCannotAdministerAndOtherTenantIsSeparate() {
        JsonNode viewer = Tokens.claims(Tokens.user("demo-viewer"));
        assertThat(roles(viewer)).contains("msp-viewer").doesNotContain("msp-admin");
        assertThat(viewer.path("tenant").asText()).isEqualTo("demo-msp");
        assertThat(Tokens.claims(Tokens.user("other-admin")).path("tenant").asText()).isEqualTo("other-msp");
    }

    @Test
    void everyServiceAuthenticatesAsAServiceWithoutATenant() {
        for (String client : List.of("credential-service", "webhook-ingest-service", "sync-worker", "workflow-engine")) {
            JsonNode claims = Tokens.claims(Tokens.service(client));
            assertThat(roles(claims)).as(client).contains("service").doesNotContain("msp-admin", "msp-viewer");
            assertThat(claims.path("azp").asText()).isEqualTo(client);
            assertThat(claims.has("tenant")).as(client + " must not carry a tenant").isFalse();
        }
    }

    @Test
    void wrongPasswordIsRefused() {
        assertThatThrownBy(() -> Tokens.token(java.util.Map.of("grant_type", "password", "client_id", "switchboard-cli",
                "username", "demo-admin", "password", "not-the-password")))
                .hasMessageContaining("400").hasMessageContaining("invalid_grant");
    }

    private static List<String> roles(JsonNode claims) {
        List<String> roles = new ArrayList<>();
        claims.path("realm_access").path("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }
}
