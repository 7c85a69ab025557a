package io.switchboard.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.ingest.service.EndpointTokens;
import io.switchboard.ingest.support.SharedBrokerProfile;
import io.switchboard.testsupport.ServiceEndpointsContract;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(SharedBrokerProfile.class)
class IngestServiceEndpointsTest extends ServiceEndpointsContract {

    @Test
    void readinessCoversKafkaAndTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItems("Kafka", "Database connections health check"));
    }

    @Test
    void webhookMetricsCountAnswersByOutcomeAndNeverNameTheSecretTokens() {
        String token = EndpointTokens.generate();
        for (String path : List.of("/webhooks/autotask/" + token, "/webhooks/autotask/" + token + "/deactivated",
                "/webhooks/manage/" + token, "/webhooks/autotask/" + token + "/other")) {
            given().contentType("application/json").body("{}").post(path).then().statusCode(404);
        }
        given().get("/webhooks/manage/" + token).then().statusCode(405);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).doesNotContain(token)
                .containsPattern("ingest_webhooks_seconds_count\\{outcome=\"unknown-endpoint\",tenant=\"unknown\",vendor=\"autotask\"} [3-9]")
                .containsPattern("ingest_webhooks_seconds_count\\{outcome=\"unknown-endpoint\",tenant=\"unknown\",vendor=\"connectwise-manage\"} [1-9]")
                .containsPattern("ingest_webhooks_seconds_count\\{outcome=\"method\",tenant=\"unknown\",vendor=\"connectwise-manage\"} [1-9]");
    }

    @Test
    void documentsTheWebhookEndpoints() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/webhooks/autotask/{token}'.post", notNullValue())
                .body("paths.'/webhooks/autotask/{token}/deactivated'.post", notNullValue())
                .body("paths.'/webhooks/manage/{token}'.post", notNullValue());
    }
}
