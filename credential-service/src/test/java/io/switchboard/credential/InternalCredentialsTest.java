package io.switchboard.credential;

import static io.switchboard.credential.Api.ADMIN;
import static io.switchboard.credential.Api.OTHER_ADMIN;
import static io.switchboard.credential.Api.as;
import static io.switchboard.credential.Api.asService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.credential.persistence.CredentialAuditEntity;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.KeycloakTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(SandboxTestResource.class)
class InternalCredentialsTest {

    @Test
    void serviceReadsDecryptedCredentialsAndEveryReadIsAudited() {
        String secret = Api.secret("autotask-secret");
        String code = Api.secret("integration-code");
        String id = Api.create(ADMIN, Api.autotask(secret, code));
        Instant before = Instant.now().minusSeconds(1);

        asService("webhook-ingest-service").get(path(id))
                .then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("tenant", equalTo("demo-msp"))
                .body("vendor", equalTo("autotask"))
                .body("settings.username", equalTo(Api.demo("AUTOTASK_USERNAME")))
                // not set by the admin: the zone the validation discovered, so services need not look it up again
                .body("settings.zoneUrl", startsWith(Api.sandbox()))
                .body("secrets.secret", equalTo(secret))
                .body("secrets.integrationCode", equalTo(code))
                .body("$", hasKey("webhookSecret"))
                .body("webhookSecret", nullValue())
                .body("removed", equalTo(false))
                .body("$", hasKey("removedAt"))
                .body("removedAt", nullValue());
        asService("sync-worker").get(path(id)).then().statusCode(200);

        List<CredentialAuditEntity> reads = CredentialAuditEntity.list("connectionId = ?1 order by id", UUID.fromString(id));
        assertThat(reads).extracting(r -> r.clientId).containsExactly("webhook-ingest-service", "sync-worker");
        assertThat(reads).allSatisfy(r -> {
            assertThat(r.tenant).isEqualTo("demo-msp");
            assertThat(r.action).isEqualTo(CredentialAuditEntity.READ_CREDENTIALS);
            assertThat(r.subject).isNotBlank();
            assertThat(r.at).isBetween(before, Instant.now().plus(Duration.ofSeconds(1)));
        });
    }

    @Test
    void usersCannotReadCredentialsEvenTheirOwn() {
        String id = Api.create(ADMIN, Api.manage(Api.secret("k")));
        as(ADMIN).get(path(id)).then().statusCode(403).contentType("application/problem+json");
        as(OTHER_ADMIN).get(path(id)).then().statusCode(403);
        RestAssured.given().get(path(id)).then().statusCode(401);
        assertThat(CredentialAuditEntity.count("connectionId", UUID.fromString(id))).isZero();
    }

    @Test
    void unknownConnectionIsNotFound() {
        asService("sync-worker").get(path(UUID.randomUUID().toString()))
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static String path(String id) {
        return "/internal/v1/connections/" + id + "/credentials";
    }
}
