package io.switchboard.connectors.automate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.connectors.PermissionProbe;
import io.switchboard.connectors.SandboxControl;
import io.switchboard.connectors.VendorApiException;
import io.switchboard.connectors.http.VendorHttp;
import io.switchboard.testsupport.SandboxDemoTenant;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Automate client against the vendor sandbox: integrator and TOTP sign-in, paged lists, errors. */
class AutomateClientTest {

    private static final VendorHttp HTTP = VendorHttp.defaults();

    @Test
    void integratorListsEveryComputerAcrossPages() {
        AutomateClient client = new AutomateClient(HTTP, integrator(), Clock.systemUTC());
        List<JsonNode> all = client.listAll("Computers", null);
        List<JsonNode> paged = new java.util.ArrayList<>();
        client.list("Computers", null, "Id asc", 7, paged::add);
        assertThat(all).isNotEmpty();
        assertThat(paged).hasSameSizeAs(all);
        assertThat(paged).extracting(c -> c.path("Id").asText()).doesNotHaveDuplicates();
    }

    @Test
    void conditionFiltersClients() {
        AutomateClient client = new AutomateClient(HTTP, integrator(), Clock.systemUTC());
        JsonNode first = client.listAll("Clients", null).get(0);
        List<JsonNode> one = client.listAll("Clients", "Id = " + first.path("Id").asText());
        assertThat(one).extracting(c -> c.path("Id").asText()).containsExactly(first.path("Id").asText());
    }

    @Test
    void twoFactorUserSignsInWithTotpAndFailsClearlyWithout() {
        String server = SandboxDemoTenant.get("AUTOMATE_SERVER_URL");
        String clientId = SandboxDemoTenant.get("AUTOMATE_CLIENT_ID");
        String user = SandboxDemoTenant.get("AUTOMATE_MFA_USERNAME");
        String password = SandboxDemoTenant.get("AUTOMATE_MFA_PASSWORD");
        AutomateClient withTotp = new AutomateClient(HTTP, new AutomateCredentials(server, user, password, clientId,
                SandboxDemoTenant.get("AUTOMATE_MFA_TOTP_SECRET")), Clock.systemUTC());
        assertThat(withTotp.login().twoFactor()).isTrue();
        assertThat(withTotp.listAll("Clients", null)).isNotEmpty();
        assertThat(new AutomateClient(HTTP, integrator(), Clock.systemUTC()).login().twoFactor()).isFalse();

        AutomateClient without = new AutomateClient(HTTP, new AutomateCredentials(server, user, password, clientId, null), Clock.systemUTC());
        assertThatThrownBy(without::login).isInstanceOfSatisfying(VendorApiException.class,
                e -> assertThat(e.kind()).isEqualTo(VendorApiException.Kind.TWO_FACTOR_REQUIRED));

        // another authenticator's key gives codes the server refuses; a key that is not base32 gives none at all
        AutomateClient wrongKey = new AutomateClient(HTTP, new AutomateCredentials(server, user, password, clientId,
                "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"), Clock.systemUTC());
        assertThatThrownBy(wrongKey::login).isInstanceOfSatisfying(VendorApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(VendorApiException.Kind.TWO_FACTOR_CODE_REJECTED);
            assertThat(e.status()).isEqualTo(401);
        });
        AutomateClient notBase32 = new AutomateClient(HTTP, new AutomateCredentials(server, user, password, clientId,
                "not-a-base32-key!"), Clock.systemUTC());
        assertThatThrownBy(notBase32::login).isInstanceOfSatisfying(VendorApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(VendorApiException.Kind.TWO_FACTOR_CODE_REJECTED);
            assertThat(e.status()).isZero();
        });
    }

    @Test
    void wrongPasswordAndMissingClientIdAreToldApart() {
        AutomateCredentials good = integrator();
        AutomateClient wrongPassword = new AutomateClient(HTTP, new AutomateCredentials(good.serverUrl(), good.username(),
                "not-the-password", good.clientId(), null), Clock.systemUTC());
        AutomateClient noClientId = new AutomateClient(HTTP, new AutomateCredentials(good.serverUrl(), good.username(),
                good.password(), null, null), Clock.systemUTC());
        assertThatThrownBy(wrongPassword::login).isInstanceOfSatisfying(VendorApiException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.kind()).isEqualTo(VendorApiException.Kind.AUTHENTICATION);
        });
        assertThatThrownBy(() -> noClientId.listAll("Clients", null)).isInstanceOfSatisfying(VendorApiException.class,
                e -> assertThat(e.kind()).isEqualTo(VendorApiException.Kind.INVALID_CLIENT_ID));
    }

    @Test
    void totpMatchesRfc6238ReferenceValues() {
        // RFC 6238 appendix B, SHA1 secret "12345678901234567890" (base32 below), last 6 digits
        String secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        assertThat(Totp.code(secret, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.code(secret, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        assertThat(Totp.code(secret, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
    }

    @Test
    void readProbeTellsAGrantedRightFromAMissingOne() {
        AutomateClient client = new AutomateClient(HTTP, integrator(), Clock.systemUTC());
        assertThat(client.probeRead("Clients").outcome()).isEqualTo(PermissionProbe.Outcome.GRANTED);
        SandboxControl.without("automate", "Clients:Read", () -> {
            PermissionProbe denied = client.probeRead("Clients");
            assertThat(denied.outcome()).isEqualTo(PermissionProbe.Outcome.DENIED);
            assertThat(denied.status()).isEqualTo(403);
        });
    }

    private static AutomateCredentials integrator() {
        return new AutomateCredentials(SandboxDemoTenant.get("AUTOMATE_SERVER_URL"), SandboxDemoTenant.get("AUTOMATE_USERNAME"),
                SandboxDemoTenant.get("AUTOMATE_PASSWORD"), SandboxDemoTenant.get("AUTOMATE_CLIENT_ID"), null);
    }
}
