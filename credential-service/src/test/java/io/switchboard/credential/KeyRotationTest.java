package io.switchboard.credential;

import static io.switchboard.credential.Api.ADMIN;
import static io.switchboard.credential.Api.CONNECTIONS;
import static io.switchboard.credential.Api.as;
import static io.switchboard.credential.Api.asService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.credential.crypto.CryptoException;
import io.switchboard.credential.crypto.EnvelopeCipher;
import io.switchboard.credential.crypto.KeyRing;
import io.switchboard.credential.persistence.ConnectionEntity;
import io.switchboard.credential.persistence.SealedEntity;
import io.switchboard.credential.persistence.WebhookSecretEntity;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.KeycloakTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The test profile configures KEK versions 1 and 2 with 2 current. Records sealed under version 1 (as they would be
 * from before the key change: a connection and its webhook secret) are re-wrapped by the rotation endpoint;
 * afterwards a key ring without version 1 opens every record, so version 1 can be removed.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(SandboxTestResource.class)
class KeyRotationTest {

    @ConfigProperty(name = "switchboard.credentials.kek.keys.1")
    String kek1;

    @ConfigProperty(name = "switchboard.credentials.kek.keys.2")
    String kek2;

    @Test
    void rotationRewrapsOldRecordsSoTheOldKeyCanBeRemoved() {
        String secret = Api.secret("automate-password");
        String id = Api.create(ADMIN, Api.automate(secret));
        UUID uuid = UUID.fromString(id);
        String webhookSecret = Api.secret("webhook-secret");
        WebhookSecretTest.put("webhook-ingest-service", id, webhookSecret).then().statusCode(204);
        byte[] aad = ConnectionEntity.aad("demo-msp", uuid);
        byte[] webhookAad = WebhookSecretEntity.aad("demo-msp", uuid);
        byte[] ciphertextBefore = resealUnderVersion1(ConnectionEntity.class, uuid, aad);
        byte[] webhookCiphertextBefore = resealUnderVersion1(WebhookSecretEntity.class, uuid, webhookAad);
        assertThat(entity(ConnectionEntity.class, uuid).kekVersion).isEqualTo(1);
        assertThat(entity(WebhookSecretEntity.class, uuid).kekVersion).isEqualTo(1);
        // still readable while the old key is configured
        asService("sync-worker").get("/internal/v1/connections/" + id + "/credentials")
                .then().statusCode(200).body("secrets.password", equalTo(secret)).body("webhookSecret", equalTo(webhookSecret));

        as(ADMIN).post("/internal/v1/key-rotation").then().statusCode(403);
        asService("sync-worker").post("/internal/v1/key-rotation")
                .then().statusCode(200)
                .body("currentVersion", equalTo(2))
                .body("rewrapped", greaterThanOrEqualTo(2))
                .body("recordsByKeyVersion", hasKey("2"))
                .body("recordsByKeyVersion", not(hasKey("1")));

        ConnectionEntity rotated = entity(ConnectionEntity.class, uuid);
        WebhookSecretEntity rotatedWebhookSecret = entity(WebhookSecretEntity.class, uuid);
        assertThat(rotated.kekVersion).isEqualTo(2);
        assertThat(rotatedWebhookSecret.kekVersion).isEqualTo(2);
        // only the data key was re-wrapped: the secret's ciphertext is the same bytes
        assertThat(rotated.secretCiphertext).isEqualTo(ciphertextBefore);
        assertThat(rotatedWebhookSecret.secretCiphertext).isEqualTo(webhookCiphertextBefore);

        EnvelopeCipher withoutVersion1 = new EnvelopeCipher(KeyRing.fromBase64(Map.of("2", kek2), 2));
        assertThat(new String(withoutVersion1.open(rotated.sealedSecret(), aad), StandardCharsets.UTF_8)).contains(secret);
        assertThat(new String(withoutVersion1.open(rotatedWebhookSecret.sealedSecret(), webhookAad), StandardCharsets.UTF_8))
                .isEqualTo(webhookSecret);
        EnvelopeCipher onlyVersion1 = new EnvelopeCipher(KeyRing.fromBase64(Map.of("1", kek1), 1));
        assertThatThrownBy(() -> onlyVersion1.open(rotated.sealedSecret(), aad)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> onlyVersion1.open(rotatedWebhookSecret.sealedSecret(), webhookAad))
                .isInstanceOf(CryptoException.class);
        // each ciphertext is bound to its purpose: the webhook secret does not open as the connection's secrets
        assertThatThrownBy(() -> withoutVersion1.open(rotatedWebhookSecret.sealedSecret(), aad)).isInstanceOf(CryptoException.class);

        asService("sync-worker").get("/internal/v1/connections/" + id + "/credentials")
                .then().statusCode(200).body("secrets.password", equalTo(secret)).body("webhookSecret", equalTo(webhookSecret));
        asService("sync-worker").get("/internal/v1/key-rotation").then().statusCode(200).body("$", not(hasKey("1")));
    }

    /** A deleted connection is still read during its grace period, so its records must move to the new key too. */
    @Test
    void rotationCoversRemovedConnectionsNotYetPurged() {
        String secret = Api.secret("automate-password");
        String id = Api.create(ADMIN, Api.automate(secret));
        UUID uuid = UUID.fromString(id);
        String webhookSecret = Api.secret("webhook-secret");
        WebhookSecretTest.put("webhook-ingest-service", id, webhookSecret).then().statusCode(204);
        as(ADMIN).delete(CONNECTIONS + "/" + id).then().statusCode(204);
        resealUnderVersion1(ConnectionEntity.class, uuid, ConnectionEntity.aad("demo-msp", uuid));
        resealUnderVersion1(WebhookSecretEntity.class, uuid, WebhookSecretEntity.aad("demo-msp", uuid));

        asService("sync-worker").post("/internal/v1/key-rotation")
                .then().statusCode(200).body("recordsByKeyVersion", not(hasKey("1")));

        assertThat(entity(ConnectionEntity.class, uuid).kekVersion).isEqualTo(2);
        assertThat(entity(ConnectionEntity.class, uuid).removedAt).isNotNull();
        assertThat(entity(WebhookSecretEntity.class, uuid).kekVersion).isEqualTo(2);
        asService("webhook-ingest-service").get("/internal/v1/connections/" + id + "/credentials")
                .then().statusCode(200).body("removed", equalTo(true))
                .body("secrets.password", equalTo(secret)).body("webhookSecret", equalTo(webhookSecret));
    }

    /** What a record written before version 2 existed looks like: its data key wrapped by version 1. */
    private byte[] resealUnderVersion1(Class<? extends SealedEntity> kind, UUID id, byte[] aad) {
        EnvelopeCipher current = new EnvelopeCipher(KeyRing.fromBase64(Map.of("1", kek1, "2", kek2), 2));
        EnvelopeCipher version1 = new EnvelopeCipher(KeyRing.fromBase64(Map.of("1", kek1), 1));
        return QuarkusTransaction.requiringNew().call(() -> {
            SealedEntity sealed = Panache.getEntityManager().find(kind, id);
            byte[] plaintext = current.open(sealed.sealedSecret(), aad);
            sealed.seal(version1.seal(plaintext, aad));
            Arrays.fill(plaintext, (byte) 0);
            return sealed.secretCiphertext;
        });
    }

    private static <T extends SealedEntity> T entity(Class<T> kind, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().find(kind, id));
    }
}
