package io.switchboard.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On a real Vert.x HTTP server: what is not answered in time gets the expiry answer; what was answered never does. */
class ResponseDeadlinesTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger expired = new AtomicInteger();
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        ResponseDeadlines deadlines = new ResponseDeadlines(Duration.ofMillis(300), Duration.ofMillis(20));
        server = vertx.createHttpServer().requestHandler(request -> {
            ResponseDeadlines.Ticket ticket = deadlines.track(() -> {
                expired.incrementAndGet();
                request.response().setStatusCode(503).end("late");
            });
            if (request.path().equals("/answered")) {
                ticket.answered();
                request.response().end("ok");
            }
            // "/never": the handler forgets the request, as a stuck publish would
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anUnansweredRequestGetsTheExpiryAnswerAndAnAnsweredOneNever() throws Exception {
        CompletableFuture<HttpResponse<String>> stuck = send("/never");
        List<HttpResponse<String>> answered = List.of(send("/answered").get(10, TimeUnit.SECONDS),
                send("/answered").get(10, TimeUnit.SECONDS));
        CompletableFuture<HttpResponse<String>> stuckToo = send("/never");

        assertThat(answered).allSatisfy(response -> assertThat(response.body()).isEqualTo("ok"));
        assertThat(stuck.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
        assertThat(stuckToo.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
        // the answered ones were due before the second stuck one expired: had they been run, they would be counted
        assertThat(expired.get()).isEqualTo(2);
    }

    private CompletableFuture<HttpResponse<String>> send(String path) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
