package io.switchboard.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.ingest.support.SharedBrokerProfile;
import io.switchboard.testsupport.ServiceEndpointsContract;
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
    void documentsTheWebhookEndpoints() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/webhooks/autotask/{token}'.post", notNullValue())
                .body("paths.'/webhooks/autotask/{token}/deactivated'.post", notNullValue())
                .body("paths.'/webhooks/manage/{token}'.post", notNullValue());
    }
}
