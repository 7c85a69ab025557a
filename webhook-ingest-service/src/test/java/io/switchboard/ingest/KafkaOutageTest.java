package io.switchboard.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.contracts.CloudEvent;
import io.switchboard.contracts.TopicCatalogue;
import io.switchboard.contracts.Vendor;
import io.switchboard.infra.KafkaBroker;
import io.switchboard.ingest.support.Connections;
import io.switchboard.ingest.support.DedicatedBrokerProfile;
import io.switchboard.ingest.support.Deliveries;
import io.switchboard.ingest.support.IngestTestResource;
import io.switchboard.ingest.support.Sandbox;
import io.switchboard.ingest.support.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The service's own broker crashes while webhooks arrive: those get 503 inside the vendor's 10 s, the service stops
 * being ready, and after the broker restarts on the same log the vendor's retries are accepted and every
 * acknowledged event is on the topic exactly once (including the ones whose records landed after their 503).
 */
@QuarkusTest
@TestProfile(DedicatedBrokerProfile.class)
class KafkaOutageTest {

    private static final int PER_PHASE = 12;
    private static Connections.Registered connection;

    @AfterAll
    static void removeConnection() {
        if (connection != null) {
            Connections.remove(connection.connectionId(), Vendor.AUTOTASK);
        }
    }

    @Test
    void webhooksDuringAnOutageGet503AndEveryAcknowledgedEventLandsOnce() throws Exception {
        Sandbox.reset();
        connection = Connections.autotask();
        String secret = Connections.webhookSecret(connection.connectionId());
        KafkaBroker broker = IngestTestResource.dedicatedBroker();
        ExecutorService vendor = Executors.newFixedThreadPool(PER_PHASE);
        try {
            Set<String> acknowledged = new HashSet<>();
            List<String> before = callouts(1000);
            for (HttpResponse<String> response : deliver(vendor, before, secret)) {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                acknowledged.add(eventId(response));
            }

            broker.kill();
            List<String> during = callouts(2000);
            for (HttpResponse<String> response : deliver(vendor, during, secret)) {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 503);

            broker.start(Duration.ofSeconds(90));
            // the vendor retries what got 503, until it is acknowledged; new webhooks keep coming
            for (String body : during) {
                HttpResponse<String> retried = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> Deliveries.autotask(connection.token(), secret, body), r -> r.statusCode() == 200);
                acknowledged.add(eventId(retried));
            }
            List<String> after = callouts(3000);
            for (HttpResponse<String> response : deliver(vendor, after, secret)) {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                acknowledged.add(eventId(response));
            }
            assertThat(acknowledged).hasSize(3 * PER_PHASE);
            await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 200);
        } finally {
            vendor.shutdownNow();
        }

        List<CloudEvent> tickets = Topics.events(TopicCatalogue.TICKET_EVENTS, connection.connectionId());
        List<CloudEvent> raw = Topics.events(TopicCatalogue.RAW_WEBHOOKS, connection.connectionId());
        Map<String, Long> copies = tickets.stream().collect(Collectors.groupingBy(CloudEvent::id, Collectors.counting()));
        assertThat(copies).hasSize(3 * PER_PHASE).allSatisfy((id, count) -> assertThat(count).as("copies of %s", id).isEqualTo(1));
        assertThat(raw).hasSize(3 * PER_PHASE);
        assertThat(raw.stream().map(CloudEvent::id).distinct().count()).isEqualTo(3 * PER_PHASE);
    }

    /** Distinct ticket changes, as one webhook's callouts. */
    private static List<String> callouts(int firstTicket) {
        List<String> bodies = new ArrayList<>();
        String guid = UUID.randomUUID().toString();
        for (int i = 0; i < PER_PHASE; i++) {
            bodies.add(Deliveries.callout(firstTicket + i, guid, firstTicket + i, Instant.now()));
        }
        return bodies;
    }

    /** Sends all at once, each with the vendor's own 10 s timeout: a late answer fails the request, and the test. */
    private static List<HttpResponse<String>> deliver(ExecutorService vendor, List<String> bodies, String secret) {
        Function<String, CompletableFuture<HttpResponse<String>>> send = body ->
                CompletableFuture.supplyAsync(() -> Deliveries.autotaskWithin(connection.token(), secret, body), vendor);
        return bodies.stream().map(send).toList().stream().map(CompletableFuture::join).toList();
    }

    private static String eventId(HttpResponse<String> response) {
        return Sandbox.read(response.body()).path("eventId").asText();
    }

    private static int readiness() {
        return io.switchboard.ingest.support.Http.send("GET", IngestTestResource.publicBaseUrl() + "/q/health/ready", Map.of(), null)
                .statusCode();
    }
}
