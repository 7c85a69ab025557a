package io.switchboard.credential;

import static io.switchboard.credential.Api.ADMIN;
import static io.switchboard.credential.Api.CONNECTIONS;
import static io.switchboard.credential.Api.as;
import static io.switchboard.credential.Api.asService;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.infra.PostgresCluster;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.KeycloakTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import io.switchboard.testsupport.SharedInfra;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * After every kind of write and read, neither a dump of the database nor the service's log (which in the test
 * profile includes every SQL bind parameter) contains a secret: not as text, not hex-encoded, not in base64.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(SandboxTestResource.class)
class NoPlaintextAtRestTest {

    private static final Path SERVICE_LOG = Path.of("target", "credential-service-test.log");

    @Test
    void databaseDumpAndServiceLogHoldNoSecret() throws Exception {
        String atSecret = Api.secret("autotask-secret");
        String atCode = Api.secret("autotask-code");
        String cwKey = Api.secret("manage-key");
        String cwKeyReplaced = Api.secret("manage-key-old");
        String automatePassword = Api.secret("automate-password");
        String totp = "JBSWY3DPEHPK3PXP" + Api.secret("totp").substring(5, 21).toUpperCase().replaceAll("[^A-Z2-7]", "A");
        String webhookSecret = Api.secret("webhook-secret");
        String webhookSecretReplaced = Api.secret("webhook-secret-old");
        List<String> secrets = List.of(atSecret, atCode, cwKey, cwKeyReplaced, automatePassword, totp, webhookSecret,
                webhookSecretReplaced);

        String autotask = Api.create(ADMIN, Api.autotask(atSecret, atCode));
        String manage = Api.create(ADMIN, Api.manage(cwKeyReplaced));
        as(ADMIN).contentType(ContentType.JSON).body(Api.manage(cwKey))
                .put(CONNECTIONS + "/" + manage).then().statusCode(200);
        String automate = Api.create(ADMIN, Api.automate(automatePassword).replace("\"password\"",
                "\"totpSecret\": \"" + totp + "\", \"password\""));
        WebhookSecretTest.put("webhook-ingest-service", autotask, webhookSecretReplaced).then().statusCode(204);
        WebhookSecretTest.put("webhook-ingest-service", autotask, webhookSecret).then().statusCode(204);
        // a refused webhook secret (a line break) is not logged either
        WebhookSecretTest.put("webhook-ingest-service", manage, automatePassword + "\\n").then().statusCode(422);
        for (String id : List.of(autotask, manage, automate)) {
            asService("workflow-engine").get("/internal/v1/connections/" + id + "/credentials").then().statusCode(200);
        }
        asService("sync-worker").post("/internal/v1/key-rotation").then().statusCode(200);
        // a refused request carrying a secret
        as(ADMIN).contentType(ContentType.JSON).body(Api.manage("http://10.0.0.1", automatePassword)).post(CONNECTIONS)
                .then().statusCode(422);

        String dump = pgDump("app");
        assertThat(dump).contains(autotask, manage, automate); // the dump does hold these rows
        String log = Files.readString(SERVICE_LOG);
        // the log does record the SQL and its parameters that wrote them
        assertThat(log).contains(autotask).contains("binding parameter");
        for (String secret : secrets) {
            for (String encoded : encodings(secret)) {
                assertThat(dump).as("database dump").doesNotContain(encoded);
                assertThat(log).as("service log").doesNotContain(encoded);
            }
        }
    }

    private static List<String> encodings(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        String javaArray = Arrays.toString(bytes); // how the bind log prints byte arrays
        return List.of(secret, HexFormat.of().formatHex(bytes), Base64.getEncoder().encodeToString(bytes),
                javaArray.substring(1, javaArray.length() - 1));
    }

    private static String pgDump(String database) throws IOException, InterruptedException {
        Process dump = new ProcessBuilder("pg_dump", "-h", "127.0.0.1", "-p", Integer.toString(SharedInfra.postgres().port()),
                "-U", PostgresCluster.USER, "--no-password", database)
                .redirectErrorStream(true)
                .start();
        String output = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dump.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dump.exitValue()).as(output).isZero();
        return output;
    }
}
