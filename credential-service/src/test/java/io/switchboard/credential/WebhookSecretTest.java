package io.switchboard.credential;

import static io.switchboard.credential.Api.ADMIN;
import static io.switchboard.credential.Api.CONNECTIONS;
import static io.switchboard.credential.Api.as;
import static io.switchboard.credential.Api.asService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.contracts.EventKeys;
import io.switchboard.credential.persistence.ConnectionEntity;
import io.switchboard.credential.persistence.CredentialAuditEntity;
import io.switchboard.credential.persistence.OutboxEventEntity;
import io.switchboard.credential.persistence.WebhookSecretEntity;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.KeycloakTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The internal webhook secret store: sealed, returned with the credentials, audited, and invisible to the tenant
 * (no change to the connection, no integration event).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(SandboxTestResource.class)
class WebhookSecretTest {

    private static final String INGEST = "webhook-ingest-service";

    @Test
    void storedSecretIsReturnedWithTheCredentialsAndChangesNothingTheTenantSees() {
        String id = Api.create(ADMIN, Api.manage(Api.secret("private-key")));
        ConnectionEntity before = connection(id);
        String userViewBefore = as(ADMIN).get(CONNECTIONS + "/" + id).then().statusCode(200).extract().asString();
        String eventKey = EventKeys.connection("demo-msp", id);
        long eventsBefore = OutboxEventEntity.count("aggregateid", eventKey);

        String first = Api.secret("webhook-secret");
        put(INGEST, id, first).then().statusCode(204);
        asService("sync-worker").get(credentials(id)).then().statusCode(200).body("webhookSecret", equalTo(first));
        String second = Api.secret("webhook-secret-renewed");
        put(INGEST, id, second).then().statusCode(204);
        asService("workflow-engine").get(credentials(id)).then().statusCode(200).body("webhookSecret", equalTo(second));

        // the tenant's view of the connection is unchanged, and nothing was announced
        ConnectionEntity after = connection(id);
        assertThat(after.rowVersion).isEqualTo(before.rowVersion);
        assertThat(after.updatedAt).isEqualTo(before.updatedAt);
        assertThat(after.secretHints).isEqualTo(before.secretHints);
        assertThat(as(ADMIN).get(CONNECTIONS + "/" + id).then().statusCode(200).extract().asString()).isEqualTo(userViewBefore);
        assertThat(OutboxEventEntity.count("aggregateid", eventKey)).isEqualTo(eventsBefore);

        WebhookSecretEntity stored = WebhookSecretEntity.findById(UUID.fromString(id));
        assertThat(stored.tenant).isEqualTo("demo-msp");
        assertThat(new String(stored.secretCiphertext, StandardCharsets.ISO_8859_1)).doesNotContain(second);

        List<CredentialAuditEntity> audit = CredentialAuditEntity.list("connectionId = ?1 order by id", UUID.fromString(id));
        assertThat(audit).extracting(a -> a.action + " by " + a.clientId).containsExactly(
                "write-webhook-secret by " + INGEST, "read-credentials by sync-worker",
                "write-webhook-secret by " + INGEST, "read-credentials by workflow-engine");
        assertThat(audit).allSatisfy(a -> {
            assertThat(a.tenant).isEqualTo("demo-msp");
            assertThat(a.subject).isNotBlank();
            assertThat(a.at).isNotNull();
        });
    }

    @Test
    void onlyServicesMayStoreAndOnlyForKnownConnections() {
        String id = Api.create(ADMIN, Api.manage(Api.secret("private-key")));
        String body = json(Api.secret("webhook-secret"));
        as(ADMIN).contentType(ContentType.JSON).body(body).put(path(id)).then().statusCode(403);
        RestAssured.given().contentType(ContentType.JSON).body(body).put(path(id)).then().statusCode(401);
        asService(INGEST).contentType(ContentType.JSON).body(body).put(path(UUID.randomUUID().toString()))
                .then().statusCode(404).contentType("application/problem+json");
        asService("sync-worker").get(credentials(id)).then().statusCode(200).body("webhookSecret", equalTo(null));
    }

    /** Kept for the grace period, so the old webhook can be deleted at the vendor; the purge deletes it later. */
    @Test
    void aDeletedConnectionKeepsItsWebhookSecretButTakesNoNewOne() {
        String id = Api.create(ADMIN, Api.manage(Api.secret("private-key")));
        String stored = Api.secret("webhook-secret");
        put(INGEST, id, stored).then().statusCode(204);
        as(ADMIN).delete(CONNECTIONS + "/" + id).then().statusCode(204);

        put(INGEST, id, Api.secret("webhook-secret")).then().statusCode(404).contentType("application/problem+json");

        asService("sync-worker").get(credentials(id)).then().statusCode(200)
                .body("removed", equalTo(true)).body("webhookSecret", equalTo(stored));
        assertThat(CredentialAuditEntity.<CredentialAuditEntity>list("connectionId = ?1 order by id", UUID.fromString(id)))
                .extracting(a -> a.action).containsExactly("write-webhook-secret", "read-credentials");
    }

    record Case(String name, String body, int status, String field, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String NEVER_ECHOED = "never-echoed-" + UUID.randomUUID();

    static Stream<Case> refused() {
        return Stream.of(
                new Case("empty body", "", 400, "", "a JSON body is required"),
                new Case("malformed JSON", "{\"secret\": \"" + NEVER_ECHOED, 400, "", "malformed JSON"),
                new Case("not an object", "[\"" + NEVER_ECHOED + "\"]", 400, "", "must be a JSON object"),
                new Case("number", "{\"secret\": 12345678901234567890}", 400, "secret", "must be a string"),
                new Case("object", "{\"secret\": {\"value\": \"" + NEVER_ECHOED + "\"}}", 400, "secret", "must be a string"),
                new Case("missing", "{}", 422, "secret", "is required"),
                new Case("null", "{\"secret\": null}", 422, "secret", "is required"),
                new Case("too short", json("short-" + NEVER_ECHOED.substring(0, 4)), 422, "secret", "16 to 256 characters"),
                new Case("too long", json(NEVER_ECHOED + "x".repeat(257)), 422, "secret", "16 to 256 characters"),
                new Case("control character", json(NEVER_ECHOED + "\\u0007"), 422, "secret", "printable ASCII"),
                new Case("line break", json(NEVER_ECHOED + "\\n"), 422, "secret", "printable ASCII"),
                new Case("non-ASCII", json(NEVER_ECHOED + "é"), 422, "secret", "printable ASCII"),
                new Case("unknown property", "{\"secret\": \"" + NEVER_ECHOED + "\", \"tenant\": \"other-msp\"}",
                        422, "tenant", "is not a known property"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void badInputIsRefusedWithAProblemNamingTheField(Case c) {
        String id = sharedConnection();
        Response response = asService(INGEST).contentType(ContentType.JSON).body(c.body()).put(path(id));
        response.then()
                .statusCode(c.status())
                .contentType("application/problem+json")
                .body("status", equalTo(c.status()))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo(c.field()))
                .body("errors[0].message", containsString(c.message()));
        assertThat(response.asString()).doesNotContain(NEVER_ECHOED);
        assertThat(WebhookSecretEntity.<WebhookSecretEntity>findByIdOptional(UUID.fromString(id))).isEmpty();
    }

    private static String connectionForBadInput;

    private static synchronized String sharedConnection() {
        if (connectionForBadInput == null) {
            connectionForBadInput = Api.create(ADMIN, Api.manage(Api.secret("private-key")));
        }
        return connectionForBadInput;
    }

    static Response put(String client, String id, String secret) {
        return asService(client).contentType(ContentType.JSON).body(json(secret)).put(path(id));
    }

    private static String json(String secret) {
        return "{\"secret\": \"" + secret + "\"}";
    }

    static String path(String id) {
        return "/internal/v1/connections/" + id + "/webhook-secret";
    }

    private static String credentials(String id) {
        return "/internal/v1/connections/" + id + "/credentials";
    }

    private static ConnectionEntity connection(String id) {
        return QuarkusTransaction.requiringNew().call(() -> ConnectionEntity.<ConnectionEntity>findById(UUID.fromString(id)));
    }
}
