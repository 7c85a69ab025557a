package io.switchboard.credential;

import static io.switchboard.credential.Api.ADMIN;
import static io.switchboard.credential.Api.CONNECTIONS;
import static io.switchboard.credential.Api.OTHER_ADMIN;
import static io.switchboard.credential.Api.VIEWER;
import static io.switchboard.credential.Api.as;
import static io.switchboard.credential.Api.asService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.KeycloakTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(SandboxTestResource.class)
class ConnectionApiTest {

    @Test
    void adminCreatesAndViewerReadsWithoutSecrets() {
        String secret = Api.secret("at-secret");
        String code = Api.secret("at-code");
        Response created = as(ADMIN).contentType(ContentType.JSON).body(Api.autotask(secret, code)).post(CONNECTIONS);
        created.then().statusCode(201)
                .header("Location", containsString(CONNECTIONS + "/" + created.path("id")))
                .body("vendor", equalTo("autotask"))
                .body("settings.apiMemberId", equalTo(Api.demo("AUTOTASK_API_RESOURCE_ID")))
                .body("secrets.secret.hint", equalTo("****" + secret.substring(secret.length() - 4)))
                .body("secrets.integrationCode.secretSetAt", notNullValue())
                // validated on save: the sandbox refuses this secret, and the connection is saved all the same
                .body("validationState", equalTo("failed"))
                .body("validation.state", equalTo("failed"))
                .body("validation.failure", equalTo("wrong-credentials"));
        assertThat(created.asString()).doesNotContain(secret).doesNotContain(code);

        String id = created.path("id");
        Response read = as(VIEWER).get(CONNECTIONS + "/" + id);
        read.then().statusCode(200).body("id", equalTo(id)).body("settings.username", equalTo(Api.demo("AUTOTASK_USERNAME")));
        assertThat(read.asString()).doesNotContain(secret).doesNotContain(code);
        as(VIEWER).get(CONNECTIONS).then().statusCode(200).body("id", hasItem(id));
    }

    @Test
    void updateReplacesSettingsAndOnlyTheSecretsSent() {
        String id = Api.create(ADMIN, Api.manage(Api.secret("private-key")));
        Instant firstSet = Instant.parse(as(VIEWER).get(CONNECTIONS + "/" + id).path("secrets.privateKey.secretSetAt"));

        // settings only: the private key stays
        as(ADMIN).contentType(ContentType.JSON).body("""
                        {"vendor": "connectwise-manage", "displayName": "EU site",
                         "settings": {"siteUrl": "%s", "companyId": "eu_branch", "publicKey": "pubKey123",
                                      "apiMemberIdentifier": "neo-api", "clientId": "3fa85f64-5717-4562-b3fc-2c963f66afa6"}}"""
                        .formatted(Api.sandbox()))
                .put(CONNECTIONS + "/" + id)
                .then().statusCode(200)
                .body("displayName", equalTo("EU site"))
                .body("settings.companyId", equalTo("eu_branch"))
                .body("settings.publicKey", equalTo("pubKey123"))
                .body("secrets.privateKey.secretSetAt", equalTo(firstSet.toString()))
                .body("validation.cause", equalTo("unknown-company"));

        String newKey = Api.secret("rotated-private-key");
        as(ADMIN).contentType(ContentType.JSON).body(Api.manage(newKey))
                .put(CONNECTIONS + "/" + id)
                .then().statusCode(200)
                .body("settings.companyId", equalTo(Api.demo("MANAGE_COMPANY_ID")))
                .body("secrets.privateKey.hint", equalTo("****" + newKey.substring(newKey.length() - 4)))
                .body("secrets.privateKey.secretSetAt", not(equalTo(firstSet.toString())));
        asService("sync-worker").get("/internal/v1/connections/" + id + "/credentials")
                .then().statusCode(200).body("secrets.privateKey", equalTo(newKey));
    }

    @Test
    void vendorCannotChangeOnUpdate() {
        String id = Api.create(ADMIN, Api.manage(Api.secret("k")));
        as(ADMIN).contentType(ContentType.JSON).body(Api.autotask(Api.secret("s"), Api.secret("c")))
                .put(CONNECTIONS + "/" + id)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("vendor"));
    }

    @Test
    void deleteRemovesTheConnection() {
        String id = Api.create(ADMIN, Api.manage(Api.secret("k")));
        as(VIEWER).delete(CONNECTIONS + "/" + id).then().statusCode(403);
        as(ADMIN).delete(CONNECTIONS + "/" + id).then().statusCode(204);
        as(ADMIN).get(CONNECTIONS + "/" + id).then().statusCode(404).contentType("application/problem+json");
        as(ADMIN).delete(CONNECTIONS + "/" + id).then().statusCode(404);
    }

    @Test
    void anotherTenantsConnectionIsNotFound() {
        String id = Api.create(ADMIN, Api.manage(Api.secret("k")));
        as(OTHER_ADMIN).get(CONNECTIONS + "/" + id).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        as(OTHER_ADMIN).contentType(ContentType.JSON).body(Api.manage(Api.secret("k")))
                .put(CONNECTIONS + "/" + id).then().statusCode(404);
        as(OTHER_ADMIN).delete(CONNECTIONS + "/" + id).then().statusCode(404);
        as(OTHER_ADMIN).post(CONNECTIONS + "/" + id + "/test").then().statusCode(404);
        as(OTHER_ADMIN).get(CONNECTIONS).then().statusCode(200).body("id", not(hasItem(id)));
        // still there for its own tenant
        as(ADMIN).get(CONNECTIONS + "/" + id).then().statusCode(200);
    }

    @Test
    void tenantComesFromTheTokenNeverFromTheBody() {
        // "tenant" is not a property of the request: refused rather than silently ignored
        as(ADMIN).contentType(ContentType.JSON)
                .body(Api.manage(Api.secret("k")).replaceFirst("\\{", "{\"tenant\": \"other-msp\", "))
                .post(CONNECTIONS)
                .then().statusCode(422).body("errors[0].field", equalTo("tenant"));
    }

    @Test
    void rolesAreEnforced() {
        String body = Api.manage(Api.secret("k"));
        RestAssured.given().get(CONNECTIONS).then().statusCode(401);
        RestAssured.given().contentType(ContentType.JSON).body(body).post(CONNECTIONS).then().statusCode(401);
        as(VIEWER).contentType(ContentType.JSON).body(body).post(CONNECTIONS).then().statusCode(403);
        // a service identity has no tenant and no MSP role
        asService("sync-worker").get(CONNECTIONS).then().statusCode(403);
        asService("sync-worker").contentType(ContentType.JSON).body(body).post(CONNECTIONS).then().statusCode(403);
    }

    @Test
    void onlyAdminsTestAConnection() {
        String id = Api.create(ADMIN, Api.manage(Api.secret("k")));
        as(VIEWER).post(CONNECTIONS + "/" + id + "/test").then().statusCode(403);
        as(ADMIN).post(CONNECTIONS + "/" + id + "/test").then().statusCode(200)
                .body("validationState", equalTo("failed"))
                .body("validation.cause", equalTo("wrong-username-or-secret"));
    }

    @Test
    void openApiDocumentsTheApi() {
        RestAssured.given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey(CONNECTIONS))
                .body("paths", hasKey(CONNECTIONS + "/{id}/test"))
                .body("paths", hasKey("/internal/v1/connections/{id}/credentials"))
                .body("paths", hasKey("/internal/v1/connections/{id}/webhook-secret"))
                .body("components.schemas.ConnectionRequest.properties.secrets", notNullValue())
                .body("components.schemas.ValidationReport.properties", hasKey("cause"))
                .body("components.schemas.ValidationReport.properties", hasKey("discovered"))
                .body("components.schemas.PermissionCheck.properties", hasKey("probe"))
                .body("components.schemas.Status.enum", containsInAnyOrder("ok", "missing", "not-checkable"))
                .body("components.schemas.Cause.enum", hasItem("wrong-totp"))
                .body("components.schemas.WebhookSecretRequest.properties.secret.minLength", equalTo(16));
    }
}
