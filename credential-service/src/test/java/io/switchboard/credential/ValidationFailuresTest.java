package io.switchboard.credential;

import static io.switchboard.credential.Api.ADMIN;
import static io.switchboard.credential.Api.CONNECTIONS;
import static io.switchboard.credential.Api.as;
import static io.switchboard.credential.ValidationAcceptanceTest.missing;
import static io.switchboard.credential.ValidationAcceptanceTest.test;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.connectors.autotask.AutotaskClient;
import io.switchboard.connectors.autotask.AutotaskCredentials;
import io.switchboard.connectors.http.VendorHttp;
import io.switchboard.credential.validation.AutomateValidator;
import io.switchboard.credential.validation.ManageValidator;
import io.switchboard.credential.validation.ValidationReport;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.KeycloakTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Each kind of failure gets its own classification in the report: failure (wrong-credentials, missing-permission,
 * unreachable, rate-limited) and, where the vendor tells, the specific cause.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(SandboxTestResource.class)
class ValidationFailuresTest {

    @Inject
    ManageValidator manageValidator;

    @Inject
    AutomateValidator automateValidator;

    @AfterAll
    static void restoreSandbox() {
        SandboxVendors.reset();
    }

    @Test
    void autotaskCredentials() {
        String secret = Api.demo("AUTOTASK_SECRET");
        String code = Api.demo("AUTOTASK_INTEGRATION_CODE");
        JsonPath wrongSecret = create(Api.autotask(Api.secret("not-the-secret"), code));
        assertFailed(wrongSecret, "wrong-credentials", "wrong-username-or-secret");
        // nothing was probed, and the report says so for every permission
        assertThat(wrongSecret.getList("validation.permissions.reason", String.class))
                .hasSize(15).allSatisfy(reason -> assertThat(reason).startsWith("not probed: "));

        JsonPath unknownUser = create(Api.autotask(secret, code).replace(Api.demo("AUTOTASK_USERNAME"), "nobody@nowhere.example"));
        assertFailed(unknownUser, "wrong-credentials", "unknown-username");
        assertThat(unknownUser.getString("validation.vendorError")).contains("Zone information could not be determined");

        JsonPath wrongCode = create(Api.autotask(secret, "NOTTHECODE00000000000000000"));
        assertFailed(wrongCode, "wrong-credentials", "wrong-integration-code");
        assertThat(wrongCode.getString("validation.vendorError")).isEqualTo("IntegrationCode is invalid.");
    }

    @Test
    void autotaskImpersonationResource() throws Exception {
        String body = Api.autotask(Api.demo("AUTOTASK_SECRET"), Api.demo("AUTOTASK_INTEGRATION_CODE"));
        String demoResource = Api.demo("AUTOTASK_IMPERSONATION_RESOURCE_ID");
        String id = Api.create(ADMIN, body);
        long technician = Long.parseLong(demoResource);

        JsonPath apiOnly = update(id, body.replace(demoResource, Api.demo("AUTOTASK_API_RESOURCE_ID")));
        assertFailed(apiOnly, "wrong-credentials", "impersonation-resource-api-only");
        assertThat(apiOnly.getBoolean("validation.discovered.impersonationResource.apiOnly")).isTrue();

        JsonPath unknown = update(id, body.replace(demoResource, "999999999"));
        assertFailed(unknown, "wrong-credentials", "impersonation-resource-not-found");
        assertThat(unknown.getBoolean("validation.discovered.impersonationResource.found")).isFalse();

        // the sandbox's technicians after the demo one: odd ones may not be impersonated, the third has no role
        JsonPath notAllowed = update(id, body.replace(demoResource, Long.toString(technician + 2)));
        assertFailed(notAllowed, "missing-permission", "impersonation-not-allowed");
        assertThat(notAllowed.getBoolean("validation.discovered.impersonationResource.mayBeImpersonated")).isFalse();
        assertThat(notAllowed.getString("validation.vendorError")).contains("impersonation");
        assertThat(missing(notAllowed)).isEmpty();

        JsonPath noRole = update(id, body.replace(demoResource, Long.toString(technician + 3)));
        assertFailed(noRole, "missing-permission", "no-default-service-desk-role");
        assertThat(noRole.getMap("validation.discovered.impersonationResource")).doesNotContainKey("defaultServiceDeskRoleId");

        autotaskClient().update("Resources", new ObjectMapper().createObjectNode().put("id", technician + 1).put("isActive", false));
        JsonPath inactive = update(id, body.replace(demoResource, Long.toString(technician + 1)));
        assertFailed(inactive, "wrong-credentials", "impersonation-resource-inactive");

        assertThat(update(id, body).getString("validationState")).isEqualTo("connected");
    }

    @Test
    void autotaskRequestThresholdIsRateLimited() {
        String id = Api.create(ADMIN, Api.autotask(Api.demo("AUTOTASK_SECRET"), Api.demo("AUTOTASK_INTEGRATION_CODE")));
        int threshold = SandboxVendors.send("PUT", "/_sandbox/autotask/limits", "{}").path("hourlyThreshold").asInt();
        SandboxVendors.send("PUT", "/_sandbox/autotask/limits", "{\"hourlyThreshold\": 1}");
        try {
            JsonPath limited = test(id);
            assertFailed(limited, "rate-limited", null);
            assertThat(limited.getString("validation.vendorError")).contains("threshold");
        } finally {
            SandboxVendors.send("PUT", "/_sandbox/autotask/limits", "{\"hourlyThreshold\": " + threshold + "}");
        }
        assertThat(test(id).getString("validationState")).isEqualTo("connected");
    }

    @Test
    void manageCredentials() {
        JsonPath wrongKey = create(Api.manage(Api.secret("not-the-private-key")));
        assertFailed(wrongKey, "wrong-credentials", "wrong-username-or-secret");

        JsonPath unknownCompany = create(Api.manage(Api.demo("MANAGE_PRIVATE_KEY")).replace(Api.demo("MANAGE_COMPANY_ID"), "no_such_company"));
        assertFailed(unknownCompany, "wrong-credentials", "unknown-company");

        JsonPath unknownMember = create(Api.manage(Api.demo("MANAGE_PRIVATE_KEY")).replace(SandboxVendors.MANAGE_API_MEMBER, "no_such_member"));
        assertFailed(unknownMember, "wrong-credentials", "unknown-api-member");
        assertThat(unknownMember.getBoolean("validation.discovered.apiMember.found")).isFalse();
        assertThat(missing(unknownMember)).isEmpty();
    }

    /** The API requires a clientId, so the validators are asked directly what a missing one gives. */
    @Test
    void missingClientIdIsItsOwnCause() {
        Map<String, String> manage = new HashMap<>(Map.of("siteUrl", Api.sandbox(), "companyId", Api.demo("MANAGE_COMPANY_ID"),
                "publicKey", Api.demo("MANAGE_PUBLIC_KEY"), "apiMemberIdentifier", SandboxVendors.MANAGE_API_MEMBER));
        ValidationReport report = manageValidator.validate(manage, Map.of("privateKey", Api.demo("MANAGE_PRIVATE_KEY")));
        assertThat(report.failure()).isEqualTo(ValidationReport.Failure.WRONG_CREDENTIALS);
        assertThat(report.cause()).isEqualTo(ValidationReport.Cause.MISSING_CLIENT_ID);
        assertThat(report.vendorError()).containsIgnoringCase("clientId");

        Map<String, String> automate = Map.of("serverUrl", Api.sandbox(), "username", Api.demo("AUTOMATE_USERNAME"));
        report = automateValidator.validate(automate, Map.of("password", Api.demo("AUTOMATE_PASSWORD")));
        assertThat(report.failure()).isEqualTo(ValidationReport.Failure.WRONG_CREDENTIALS);
        assertThat(report.cause()).isEqualTo(ValidationReport.Cause.MISSING_CLIENT_ID);
    }

    @Test
    void automateCredentials() {
        assertFailed(create(Api.automate(Api.secret("not-the-password"))), "wrong-credentials", "wrong-username-or-secret");
        assertFailed(create(Api.automate(Api.demo("AUTOMATE_PASSWORD")).replace(Api.demo("AUTOMATE_CLIENT_ID"), "not-a-registered-client")),
                "wrong-credentials", "invalid-client-id");
        JsonPath noTotp = create(ValidationAcceptanceTest.twoFactorAutomate(null));
        assertFailed(noTotp, "wrong-credentials", "two-factor-required");
        // an authenticator key of another account: its codes are refused
        JsonPath wrongTotp = create(ValidationAcceptanceTest.twoFactorAutomate("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
        assertFailed(wrongTotp, "wrong-credentials", "wrong-totp");
        assertThat(wrongTotp.getString("validation.vendorError")).isNotBlank();
        // not an authenticator key at all: refused before any code is sent, so the vendor said nothing
        JsonPath notBase32 = create(ValidationAcceptanceTest.twoFactorAutomate("not-a-base32-key!"));
        assertFailed(notBase32, "wrong-credentials", "wrong-totp");
        assertThat(notBase32.getString("validation.message")).contains("base32");
        assertThat(notBase32.getString("validation.vendorError")).isNull();
    }

    @Test
    void nothingListeningIsUnreachable() {
        // an allowed origin: the SSRF guard lets it through, and nothing answers there
        JsonPath refused = create(Api.manage(SandboxTestResource.CLOSED_ORIGIN, Api.demo("MANAGE_PRIVATE_KEY")));
        assertFailed(refused, "unreachable", "connection-refused");
        assertThat(refused.getString("validation.message")).contains("127.0.0.1");
    }

    @Test
    void manageTooManyRequestsAndNoAnswer() {
        String id = Api.create(ADMIN, Api.manage(Api.demo("MANAGE_PRIVATE_KEY")));
        withFault("{\"rate429\": 100}", () -> assertFailed(test(id), "rate-limited", null));
        // the sandbox holds the request far longer than the validation's request timeout
        withFault("{\"rateTimeout\": 100}", () -> assertFailed(test(id), "unreachable", "timeout"));
        assertThat(test(id).getString("validationState")).isEqualTo("connected");
    }

    private static void withFault(String fault, Runnable test) {
        SandboxVendors.send("PUT", "/_sandbox/faults/manage/service/tickets", fault);
        try {
            test.run();
        } finally {
            SandboxVendors.send("DELETE", "/_sandbox/faults", null);
        }
    }

    private static AutotaskClient autotaskClient() {
        VendorHttp http = VendorHttp.defaults();
        AutotaskCredentials credentials = new AutotaskCredentials(Api.demo("AUTOTASK_USERNAME"), Api.demo("AUTOTASK_SECRET"),
                Api.demo("AUTOTASK_INTEGRATION_CODE"), null);
        return AutotaskClient.forZone(http, credentials,
                AutotaskClient.discoverZone(http, URI.create(Api.demo("AUTOTASK_API_URL")), credentials.username()).url());
    }

    private static void assertFailed(JsonPath view, String failure, String cause) {
        assertThat(view.getString("validationState")).as(view.prettify()).isEqualTo("failed");
        assertThat(view.getString("validation.failure")).as(view.prettify()).isEqualTo(failure);
        assertThat(view.getString("validation.cause")).as(view.prettify()).isEqualTo(cause);
        assertThat(view.getString("validation.message")).isNotBlank();
    }

    private static JsonPath create(String body) {
        return as(ADMIN).contentType(ContentType.JSON).body(body).post(CONNECTIONS).then().statusCode(201).extract().jsonPath();
    }

    private static JsonPath update(String id, String body) {
        return as(ADMIN).contentType(ContentType.JSON).body(body).put(CONNECTIONS + "/" + id).then().statusCode(200).extract().jsonPath();
    }
}
