package io.switchboard.credential;

import static io.switchboard.credential.Api.ADMIN;
import static io.switchboard.credential.Api.CONNECTIONS;
import static io.switchboard.credential.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.credential.security.UrlPolicy;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.KeycloakTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import jakarta.inject.Inject;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every refusal is problem+json with the exact status and the field it is about, and never echoes a value. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(SandboxTestResource.class)
class BadInputTest {

    @Inject
    UrlPolicy urlPolicy;

    private static final String KEY = Api.secret("never-echoed-private-key");

    record Case(String name, String body, int status, String field, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> refused() {
        return Stream.of(
                new Case("malformed JSON", "{\"vendor\": \"autotask\", \"secrets\": {\"secret\": \"" + KEY + "\"",
                        400, "", "malformed JSON"),
                new Case("not an object", "[\"" + KEY + "\"]", 400, "", "must be a JSON object"),
                new Case("unknown vendor", manage("https://na.myconnectwise.net").replace("connectwise-manage", "halopsa"),
                        422, "vendor", "is not a known vendor"),
                new Case("missing vendor", "{\"settings\": {}}", 422, "vendor", "is required"),
                new Case("wrong type in settings", manage("https://na.myconnectwise.net").replace("\"acme\"", "{\"x\": 1}"),
                        400, "settings.companyId", "must be a string"),
                new Case("settings not an object", "{\"vendor\": \"autotask\", \"settings\": \"username\"}",
                        400, "settings", "has the wrong type"),
                new Case("secret not a string", manage("https://na.myconnectwise.net").replace("\"" + KEY + "\"", "12345"),
                        400, "secrets.privateKey", "must be a string"),
                new Case("non-numeric member id", autotask().replace("\"apiMemberId\": 342", "\"apiMemberId\": \"3x2\""),
                        422, "settings.apiMemberId", "positive whole number"),
                new Case("malformed URL", manage("https://na.my connectwise.net"), 422, "settings.siteUrl", "is not a valid URL"),
                new Case("relative URL", manage("na.myconnectwise.net/v4_6_release"), 422, "settings.siteUrl", "absolute URL"),
                new Case("http URL", manage("http://na.myconnectwise.net"), 422, "settings.siteUrl", "must use https"),
                new Case("credentials in URL", manage("https://admin:pw@na.myconnectwise.net"), 422, "settings.siteUrl", "user information"),
                new Case("loopback", manage("https://127.0.0.1:8443"), 422, "settings.siteUrl", "private, loopback or link-local"),
                new Case("private network", manage("https://10.20.30.40"), 422, "settings.siteUrl", "private, loopback or link-local"),
                new Case("cloud metadata (link-local)", manage("https://169.254.169.254/latest"), 422, "settings.siteUrl", "link-local"),
                new Case("unspecified address", manage("https://0.0.0.0:8443"), 422, "settings.siteUrl", "private, loopback or link-local"),
                new Case("IPv6 unique local", manage("https://[fd00::1]/"), 422, "settings.siteUrl", "private, loopback or link-local"),
                new Case("IPv6 loopback", manage("https://[::1]/"), 422, "settings.siteUrl", "private, loopback or link-local"),
                new Case("localhost name", manage("https://localhost:8443"), 422, "settings.siteUrl", "public host name"),
                new Case("decimal IP", manage("https://2130706433/"), 422, "settings.siteUrl", "public host name"),
                new Case("loopback origin not configured", manage("http://127.0.0.1:1"), 422, "settings.siteUrl", "must use https"),
                new Case("oversize setting", manage("https://na.myconnectwise.net").replace("\"acme\"", "\"" + "a".repeat(257) + "\""),
                        422, "settings.companyId", "at most 256 characters"),
                new Case("oversize secret", manage("https://na.myconnectwise.net").replace(KEY, KEY + "x".repeat(1024)),
                        422, "secrets.privateKey", "at most 1024 characters"),
                new Case("secret sent as a setting", manage("https://na.myconnectwise.net")
                        .replace("\"companyId\"", "\"privateKey\": \"" + KEY + "\", \"companyId\""),
                        422, "settings.privateKey", "is a secret"),
                new Case("unknown setting", manage("https://na.myconnectwise.net").replace("\"companyId\"", "\"company\": \"x\", \"companyId\""),
                        422, "settings.company", "is not a field of connectwise-manage"),
                new Case("missing secret", manage("https://na.myconnectwise.net").replace("\"privateKey\": \"" + KEY + "\"", ""),
                        422, "secrets.privateKey", "is required"),
                new Case("unknown top-level property", manage("https://na.myconnectwise.net").replaceFirst("\\{", "{\"owner\": 1, "),
                        422, "owner", "is not a known property"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedWithProblemNamingTheField(Case c) {
        Response response = as(ADMIN).contentType(ContentType.JSON).body(c.body()).post(CONNECTIONS);
        response.then()
                .statusCode(c.status())
                .contentType("application/problem+json")
                .body("status", equalTo(c.status()))
                .body("type", containsString("/problems/invalid-input"))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo(c.field()))
                .body("errors[0].message", containsString(c.message()));
        assertThat(response.asString()).doesNotContain(KEY);
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        as(ADMIN).contentType(ContentType.JSON)
                .body("{\"vendor\": \"connectwise-automate\", \"settings\": {\"serverUrl\": \"http://automate.example.com\"}}")
                .post(CONNECTIONS)
                .then().statusCode(422)
                .body("errors.field", containsInAnyOrder(
                        "settings.serverUrl", "settings.username", "settings.clientId", "secrets.password"));
    }

    @Test
    void configuredSandboxOriginAndVendorDomainsAreAccepted() {
        as(ADMIN).contentType(ContentType.JSON).body(Api.manage(KEY)).post(CONNECTIONS).then().statusCode(201);
        // checked without saving: a saved connection is validated, and tests never call a real vendor
        assertThat(urlPolicy.problem("https://api-na.myconnectwise.net/v4_6_release/apis/3.0")).isEmpty();
        assertThat(urlPolicy.problem("https://webservices15.autotask.net/ATServicesRest/")).isEmpty();
        assertThat(urlPolicy.problem("https://acme.hostedrmm.com")).isEmpty();
    }

    @Test
    void oversizeBodyIsRefusedBeforeParsing() {
        as(ADMIN).contentType(ContentType.JSON).body(manage("https://na.myconnectwise.net").replace(KEY, "k".repeat(70_000)))
                .post(CONNECTIONS).then().statusCode(413);
    }

    /** Refused before validation, so no vendor is called: the values need not be the sandbox's. */
    private static String manage(String siteUrl) {
        return """
                {"vendor": "connectwise-manage",
                 "settings": {"siteUrl": "%s", "companyId": "acme", "publicKey": "pubKey123",
                              "apiMemberIdentifier": "neo-api", "clientId": "3fa85f64-5717-4562-b3fc-2c963f66afa6"},
                 "secrets": {"privateKey": "%s"}}""".formatted(siteUrl, KEY);
    }

    private static String autotask() {
        return """
                {"vendor": "autotask",
                 "settings": {"username": "api-neo@acme.example", "apiMemberId": 342},
                 "secrets": {"secret": "%s", "integrationCode": "%s"}}""".formatted(KEY, KEY);
    }
}
