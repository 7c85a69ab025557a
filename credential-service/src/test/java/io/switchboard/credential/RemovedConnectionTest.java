package io.switchboard.credential;

import static io.switchboard.credential.Api.ADMIN;
import static io.switchboard.credential.Api.CONNECTIONS;
import static io.switchboard.credential.Api.VIEWER;
import static io.switchboard.credential.Api.as;
import static io.switchboard.credential.Api.asService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.contracts.CloudEventCodec;
import io.switchboard.contracts.EventKeys;
import io.switchboard.contracts.payload.IntegrationEvent;
import io.switchboard.credential.persistence.ConnectionEntity;
import io.switchboard.credential.persistence.CredentialAuditEntity;
import io.switchboard.credential.persistence.OutboxEventEntity;
import io.switchboard.credential.persistence.WebhookSecretEntity;
import io.switchboard.credential.service.RemovedConnectionPurge;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.KeycloakTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A deleted connection: gone for its tenant at once and announced as REMOVED, its credentials still readable by
 * services (flagged removed) during the grace period, then 404 and purged. The grace period is the configured one
 * (24h): a test moves a connection's removal time back past it instead of waiting.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(SandboxTestResource.class)
class RemovedConnectionTest {

    private static final String INGEST = "webhook-ingest-service";

    @Inject
    RemovedConnectionPurge purge;

    @ConfigProperty(name = "switchboard.credentials.removed-grace")
    Duration grace;

    @Test
    void deletedConnectionIsGoneForItsTenantAndAnnouncedAsRemoved() {
        String privateKey = Api.secret("private-key");
        String id = Api.create(ADMIN, Api.manage(privateKey));

        as(ADMIN).delete(CONNECTIONS + "/" + id).then().statusCode(204);

        as(ADMIN).get(CONNECTIONS + "/" + id).then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
        as(VIEWER).get(CONNECTIONS + "/" + id).then().statusCode(404);
        as(VIEWER).get(CONNECTIONS).then().statusCode(200).body("id", not(hasItem(id)));
        as(ADMIN).contentType(ContentType.JSON).body(Api.manage(Api.secret("private-key")))
                .put(CONNECTIONS + "/" + id).then().statusCode(404).contentType("application/problem+json");
        as(ADMIN).post(CONNECTIONS + "/" + id + "/test").then().statusCode(404).contentType("application/problem+json");
        as(ADMIN).delete(CONNECTIONS + "/" + id).then().statusCode(404).contentType("application/problem+json");

        // written with the removal, once: the second delete announced nothing
        List<IntegrationEvent> events = OutboxEventEntity.<OutboxEventEntity>list("aggregateid = ?1 order by createdAt",
                        EventKeys.connection("demo-msp", id)).stream()
                .map(row -> CloudEventCodec.fromTree(row.payload).data(IntegrationEvent.class))
                .toList();
        assertThat(events).extracting(IntegrationEvent::action)
                .containsExactly(IntegrationEvent.Action.CREATED, IntegrationEvent.Action.REMOVED);
        ConnectionEntity removed = connection(id);
        assertThat(events.get(1).occurredAt()).isEqualTo(removed.removedAt);
        // still sealed as before, not cleared
        assertThat(new String(removed.secretCiphertext, StandardCharsets.ISO_8859_1)).doesNotContain(privateKey);
    }

    @Test
    void servicesReadARemovedConnectionDuringTheGracePeriodAndEveryReadIsAudited() {
        String privateKey = Api.secret("private-key");
        String webhookSecret = Api.secret("webhook-secret");
        String id = Api.create(ADMIN, Api.manage(privateKey));
        WebhookSecretTest.put(INGEST, id, webhookSecret).then().statusCode(204);

        as(ADMIN).delete(CONNECTIONS + "/" + id).then().statusCode(204);
        Instant removedAt = connection(id).removedAt;

        asService(INGEST).get(credentials(id)).then().statusCode(200)
                .body("id", equalTo(id))
                .body("tenant", equalTo("demo-msp"))
                .body("vendor", equalTo("connectwise-manage"))
                .body("secrets.privateKey", equalTo(privateKey))
                .body("webhookSecret", equalTo(webhookSecret))
                .body("removed", equalTo(true))
                .body("removedAt", notNullValue());
        String reported = asService(INGEST).get(credentials(id)).then().statusCode(200).extract().path("removedAt");
        assertThat(Instant.parse(reported)).isEqualTo(removedAt);

        assertThat(CredentialAuditEntity.<CredentialAuditEntity>list("connectionId = ?1 order by id", UUID.fromString(id)))
                .extracting(a -> a.action + " by " + a.clientId)
                .containsExactly("write-webhook-secret by " + INGEST, "read-credentials by " + INGEST,
                        "read-credentials by " + INGEST);

        // within the grace period the purge leaves it alone
        purge.purge();
        assertThat(ConnectionEntity.findByIdOptional(UUID.fromString(id))).isPresent();
        assertThat(WebhookSecretEntity.findByIdOptional(UUID.fromString(id))).isPresent();
    }

    @Test
    void afterTheGracePeriodTheReadIsNotFoundAndThePurgeDeletesTheRowsButKeepsTheAudit() {
        String expired = Api.create(ADMIN, Api.manage(Api.secret("private-key")));
        WebhookSecretTest.put(INGEST, expired, Api.secret("webhook-secret")).then().statusCode(204);
        asService(INGEST).get(credentials(expired)).then().statusCode(200).body("removed", equalTo(false));
        as(ADMIN).delete(CONNECTIONS + "/" + expired).then().statusCode(204);
        String recentlyRemoved = Api.create(ADMIN, Api.manage(Api.secret("private-key")));
        as(ADMIN).delete(CONNECTIONS + "/" + recentlyRemoved).then().statusCode(204);
        String live = Api.create(ADMIN, Api.manage(Api.secret("private-key")));
        // as if the delete had happened just over a grace period ago
        removedAt(expired, Instant.now().minus(grace).minusSeconds(60));
        long auditRows = CredentialAuditEntity.count("connectionId", UUID.fromString(expired));

        asService(INGEST).get(credentials(expired)).then().statusCode(404).contentType("application/problem+json");
        assertThat(CredentialAuditEntity.count("connectionId", UUID.fromString(expired))).isEqualTo(auditRows);

        assertThat(purge.purge()).isGreaterThanOrEqualTo(1);

        assertThat(ConnectionEntity.findByIdOptional(UUID.fromString(expired))).isEmpty();
        assertThat(WebhookSecretEntity.findByIdOptional(UUID.fromString(expired))).isEmpty();
        assertThat(CredentialAuditEntity.count("connectionId", UUID.fromString(expired))).isEqualTo(auditRows).isEqualTo(2);
        asService(INGEST).get(credentials(expired)).then().statusCode(404);
        assertThat(ConnectionEntity.findByIdOptional(UUID.fromString(recentlyRemoved))).isPresent();
        asService(INGEST).get(credentials(recentlyRemoved)).then().statusCode(200).body("removed", equalTo(true));
        as(ADMIN).get(CONNECTIONS + "/" + live).then().statusCode(200);
    }

    @Test
    void aDeletedConnectionsNameCanBeUsedAgain() {
        String name = "Branch " + UUID.randomUUID();
        String body = Api.manage(Api.secret("private-key")).replaceFirst("\\{", "{\"displayName\": \"" + name + "\", ");
        String first = Api.create(ADMIN, body);
        as(ADMIN).delete(CONNECTIONS + "/" + first).then().statusCode(204);

        String second = Api.create(ADMIN, body);

        assertThat(second).isNotEqualTo(first);
        List<String> named = as(VIEWER).get(CONNECTIONS).then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.displayName == '" + name + "' }.id", String.class);
        assertThat(named).containsExactly(second);
    }

    private static String credentials(String id) {
        return "/internal/v1/connections/" + id + "/credentials";
    }

    private static ConnectionEntity connection(String id) {
        return QuarkusTransaction.requiringNew().call(() -> ConnectionEntity.<ConnectionEntity>findById(UUID.fromString(id)));
    }

    private static void removedAt(String id, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> ConnectionEntity.update("removedAt = ?1 where id = ?2", at, UUID.fromString(id)));
    }
}
