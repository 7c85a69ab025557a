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
        String autotaskNotFound = "ingest_webhooks_seconds_count{outcome=\"unknown-endpoint\",tenant=\"unknown\",vendor=\"autotask\"}";
        String manageNotFound = "ingest_webhooks_seconds_count{outcome=\"unknown-endpoint\",tenant=\"unknown\",vendor=\"connectwise-manage\"}";
        String manageMethod = "ingest_webhooks_seconds_count{outcome=\"method\",tenant=\"unknown\",vendor=\"connectwise-manage\"}";
        String before = metrics();
        String token = EndpointTokens.generate();
        for (String path : List.of("/webhooks/autotask/" + token, "/webhooks/autotask/" + token + "/deactivated",
                "/webhooks/manage/" + token, "/webhooks/autotask/" + token + "/other")) {
            given().contentType("application/json").body("{}").post(path).then().statusCode(404);
        }
        given().get("/webhooks/manage/" + token).then().statusCode(405);
        String after = metrics();

        assertThat(after).doesNotContain(token);
        // other test classes share this application and its counters: only what this test added is asserted
        assertThat(count(after, autotaskNotFound) - count(before, autotaskNotFound)).isEqualTo(3);
        assertThat(count(after, manageNotFound) - count(before, manageNotFound)).isEqualTo(1);
        assertThat(count(after, manageMethod) - count(before, manageMethod)).isEqualTo(1);
        // latency histogram buckets, for objectives such as p99 under 10 ms: a 404 is answered well within 10 s
        assertThat(bucket(after, "unknown-endpoint", "autotask", "10.0") - bucket(before, "unknown-endpoint", "autotask", "10.0"))
                .isEqualTo(3);
        assertThat(bucket(after, "unknown-endpoint", "autotask", "+Inf") - bucket(before, "unknown-endpoint", "autotask", "+Inf"))
                .isEqualTo(3);
    }

    @Test
    void exposesTheRequestPathProducersOwnFigures() {
        String producer = "client_id=\"webhook-ingest-service\"";
        assertThat(metrics().lines().filter(line -> line.contains(producer)))
                .anyMatch(line -> line.startsWith("kafka_producer_records_per_request_avg{"))
                .anyMatch(line -> line.startsWith("kafka_producer_request_latency_avg{"))
                .anyMatch(line -> line.startsWith("kafka_producer_record_send_total{"));
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one series in Prometheus text, 0 when it is not there yet. */
    private static double count(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim())).findFirst().orElse(0);
    }

    /** One bucket of {@code ingest_webhooks_seconds} in Prometheus text (labels in any order), 0 when not there yet. */
    private static double bucket(String metrics, String outcome, String vendor, String le) {
        return metrics.lines().filter(line -> line.startsWith("ingest_webhooks_seconds_bucket{")
                        && line.contains("outcome=\"" + outcome + "\"") && line.contains("vendor=\"" + vendor + "\"")
                        && line.contains("le=\"" + le + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }

    @Test
    void documentsTheWebhookEndpoints() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/webhooks/autotask/{token}'.post", notNullValue())
                .body("paths.'/webhooks/autotask/{token}/deactivated'.post", notNullValue())
                .body("paths.'/webhooks/manage/{token}'.post", notNullValue());
    }
}
