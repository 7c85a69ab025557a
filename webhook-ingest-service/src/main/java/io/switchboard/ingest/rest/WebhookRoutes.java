package io.switchboard.ingest.rest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.contracts.Vendor;
import io.switchboard.ingest.config.IngestConfig;
import io.switchboard.ingest.persistence.Endpoint;
import io.switchboard.ingest.persistence.EndpointDirectory;
import io.switchboard.ingest.service.Accepted;
import io.switchboard.ingest.service.AutotaskIngest;
import io.switchboard.ingest.service.Failures;
import io.switchboard.ingest.service.InboundRequest;
import io.switchboard.ingest.service.LatencyBuckets;
import io.switchboard.ingest.service.ManageIngest;
import io.switchboard.ingest.service.Rejection;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * The webhook endpoints, as plain Vert.x routes on the event loop (the hot path: no blocking, no per-request
 * framework machinery). Checks run cheapest first and before the body is read where they can: method (405), path
 * token (404), content type (415), declared length (413); the body handler then enforces the limit on what actually
 * arrives. Every webhook is answered within the response deadline; every error is {@code application/problem+json}.
 */
@Singleton
public class WebhookRoutes {

    /** Callouts at {@code <prefix><token>}, deactivation notices at {@code <prefix><token>/deactivated}. */
    public static final String AUTOTASK_PREFIX = "/webhooks/autotask/";
    /** Callbacks at {@code <prefix><token>}. */
    public static final String MANAGE_PREFIX = "/webhooks/manage/";

    private interface Handler extends BiFunction<Endpoint, InboundRequest, CompletableFuture<Accepted>> {
    }

    private static final Logger LOG = Logger.getLogger(WebhookRoutes.class);
    private static final String ENDPOINT = "switchboard.endpoint";
    private static final String RECEIVED = "switchboard.received";
    private static final String HANDLER = "switchboard.handler";
    private static final String DEADLINE = "switchboard.deadline";
    /** How much of a refused body is read and dropped before the connection is closed anyway: bodies, and time. */
    private static final int DRAIN_BODIES = 4;
    private static final Duration DRAIN_TIME = Duration.ofSeconds(5);

    private final EndpointDirectory directory;
    private final AutotaskIngest autotask;
    private final ManageIngest manage;
    private final IngestConfig config;
    private final MeterRegistry registry;
    private final ResponseDeadlines deadlines;
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    private record TimerKey(Vendor vendor, String tenant, String outcome) {
    }

    public WebhookRoutes(EndpointDirectory directory, AutotaskIngest autotask, ManageIngest manage, IngestConfig config,
                         MeterRegistry registry) {
        this.directory = directory;
        this.autotask = autotask;
        this.manage = manage;
        this.config = config;
        this.registry = registry;
        this.deadlines = new ResponseDeadlines(config.http().responseDeadline(), Duration.ofMillis(100));
    }

    @PreDestroy
    void stop() {
        deadlines.close();
    }

    void routes(@Observes Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.http().maxBodyBytes());
        route(router, AUTOTASK_PREFIX, Vendor.AUTOTASK, body, Map.of("", autotask::callout, "deactivated", autotask::deactivated));
        route(router, MANAGE_PREFIX, Vendor.CONNECTWISE_MANAGE, body, Map.of("", manage::callback));
    }

    /**
     * Prefix routes, matched by comparing strings (a path parameter costs a regular expression per route and request);
     * the token and what follows it are read here. {@code handlers} maps what follows the token ("" for nothing).
     */
    private void route(Router router, String prefix, Vendor vendor, BodyHandler body, Map<String, Handler> handlers) {
        // two routes: Vert.x wants a body handler first on its route, and admission must run before the body is read
        router.route(prefix + "*").handler(ctx -> admit(ctx, vendor, prefix, handlers));
        router.route(prefix + "*")
                .handler(body)
                .handler(ctx -> handle(ctx, vendor, ctx.get(HANDLER)))
                .failureHandler(ctx -> failed(ctx, vendor));
    }

    /** Everything decidable before the body is read. */
    private void admit(RoutingContext ctx, Vendor vendor, String prefix, Map<String, Handler> handlers) {
        ctx.put(RECEIVED, Instant.now());
        ctx.put(DEADLINE, deadlines.track(() -> reply(ctx, vendor, ctx.get(ENDPOINT),
                Rejection.unavailable("not acknowledged within " + config.http().responseDeadline().toSeconds() + " s"))));
        if (ctx.request().method() != HttpMethod.POST) {
            ctx.response().putHeader(HttpHeaders.ALLOW, "POST");
            reply(ctx, vendor, null, new Rejection(405, "method", "Method not allowed", "webhooks are delivered with POST"));
            return;
        }
        String path = ctx.normalizedPath();
        String rest = path.length() > prefix.length() ? path.substring(prefix.length()) : "";
        int slash = rest.indexOf('/');
        Handler handler = handlers.get(slash < 0 ? "" : rest.substring(slash + 1));
        if (handler == null) {
            reply(ctx, vendor, null, Rejection.notFound());
            return;
        }
        ctx.put(HANDLER, handler);
        CompletableFuture<Optional<Endpoint>> lookup = directory.resolve(slash < 0 ? rest : rest.substring(0, slash));
        if (lookup.isDone()) {
            admitFor(ctx, vendor, lookup);
        } else {
            // the body must wait in the connection's buffer until we know whether to read it
            ctx.request().pause();
            Context context = Vertx.currentContext();
            lookup.whenComplete((found, error) -> context.runOnContext(v -> admitFor(ctx, vendor, lookup)));
        }
    }

    private void admitFor(RoutingContext ctx, Vendor vendor, CompletableFuture<Optional<Endpoint>> lookup) {
        Optional<Endpoint> endpoint;
        try {
            endpoint = lookup.join();
        } catch (RuntimeException e) {
            reply(ctx, vendor, null, Rejection.unavailable("webhook endpoints cannot be looked up right now"));
            return;
        }
        if (endpoint.isEmpty() || endpoint.get().vendor() != vendor) {
            reply(ctx, vendor, null, Rejection.notFound());
            return;
        }
        ctx.put(ENDPOINT, endpoint.get());
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (!isJsonUtf8(contentType)) {
            reply(ctx, vendor, endpoint.get(), new Rejection(415, "media-type", "Unsupported media type",
                    "webhooks must be application/json (UTF-8)"));
            return;
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredTooLong(length)) {
            reply(ctx, vendor, endpoint.get(), tooLarge());
            return;
        }
        ctx.next();
    }

    private void handle(RoutingContext ctx, Vendor vendor, Handler handler) {
        Endpoint endpoint = ctx.get(ENDPOINT);
        Buffer buffer = ctx.body().buffer();
        InboundRequest request = new InboundRequest(buffer == null ? new byte[0] : buffer.getBytes(),
                headers(ctx.request().headers()), ctx.get(RECEIVED));
        CompletableFuture<Accepted> result;
        try {
            result = handler.apply(endpoint, request);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        if (result.isDone()) {
            complete(ctx, vendor, endpoint, result);
        } else {
            Context context = Vertx.currentContext();
            CompletableFuture<Accepted> pending = result;
            result.whenComplete((accepted, error) -> context.runOnContext(v -> complete(ctx, vendor, endpoint, pending)));
        }
    }

    private void complete(RoutingContext ctx, Vendor vendor, Endpoint endpoint, CompletableFuture<Accepted> result) {
        try {
            reply(ctx, vendor, endpoint, result.join());
        } catch (RuntimeException e) {
            reply(ctx, vendor, endpoint, Failures.cause(e));
        }
    }

    private void failed(RoutingContext ctx, Vendor vendor) {
        Endpoint endpoint = ctx.get(ENDPOINT);
        if (ctx.statusCode() == 413) {
            reply(ctx, vendor, endpoint, tooLarge());
        } else if (ctx.statusCode() == 400) {
            reply(ctx, vendor, endpoint, Rejection.badRequest("the request body could not be read"));
        } else {
            reply(ctx, vendor, endpoint, ctx.failure() != null ? ctx.failure() : new IllegalStateException("HTTP " + ctx.statusCode()));
        }
    }

    /** Writes the answer unless one was written already (the deadline may have answered first). */
    private void reply(RoutingContext ctx, Vendor vendor, Endpoint endpoint, Object outcome) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        ResponseDeadlines.Ticket deadline = ctx.get(DEADLINE);
        if (deadline != null) {
            deadline.answered();
        }
        Reply reply = outcome instanceof Accepted accepted ? Reply.of(accepted)
                : outcome instanceof Rejection rejection ? Reply.of(rejection, config.http().retryAfterSeconds())
                : unexpected((Throwable) outcome);
        record(ctx, vendor, endpoint, reply.outcome());
        boolean bodyUnread = !ctx.request().isEnded();
        if (bodyUnread) {
            // the connection closes once the rest of the body is dropped: the client must not send another request on it
            ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        reply.headers().forEach((name, value) -> ctx.response().putHeader(name, value));
        ctx.response().setStatusCode(reply.status());
        if (reply.body() == null) {
            ctx.response().end();
        } else {
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, reply.contentType()).end(Buffer.buffer(reply.body()));
        }
        if (bodyUnread) {
            drainThenClose(ctx);
        }
    }

    /**
     * Answered before the whole body arrived, so the client is still sending it. Closing at once would leave unread
     * bytes, which makes the kernel reset the connection, and a reset can destroy the answer before the client reads
     * it. So the rest is read and dropped, up to a bound in bytes and time, and the connection closed after that.
     */
    private void drainThenClose(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpConnection connection = request.connection();
        long[] budget = {DRAIN_BODIES * (long) config.http().maxBodyBytes()};
        long timer = ctx.vertx().setTimer(DRAIN_TIME.toMillis(), id -> connection.close());
        Runnable close = () -> {
            ctx.vertx().cancelTimer(timer);
            connection.close();
        };
        request.handler(chunk -> {
            budget[0] -= chunk.length();
            if (budget[0] < 0) {
                close.run();
            }
        });
        request.endHandler(end -> close.run());
        request.exceptionHandler(error -> close.run());
        request.resume();
    }

    private Reply unexpected(Throwable error) {
        LOG.errorf(error, "webhook failed unexpectedly");
        return Reply.of(new Rejection(500, "internal", "Internal error", "the webhook could not be processed"),
                config.http().retryAfterSeconds());
    }

    private Rejection tooLarge() {
        return Rejection.tooLarge("webhook bodies are limited to " + config.http().maxBodyBytes() + " bytes");
    }

    private boolean declaredTooLong(String length) {
        try {
            return Long.parseLong(length.trim()) > config.http().maxBodyBytes();
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** {@code application/json}, with no charset or UTF-8. */
    static boolean isJsonUtf8(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset")
                    && (parameter.length < 2 || !parameter[1].trim().replace("\"", "").equalsIgnoreCase("utf-8"))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> headers(MultiMap headers) {
        Map<String, String> map = new LinkedHashMap<>();
        headers.forEach(h -> map.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + ", " + b));
        return map;
    }

    /**
     * Counts the answer and times it from the request's arrival. This is the webhook endpoints' HTTP metric: Quarkus'
     * own is off (its per-request path templating ran regular expressions on every webhook and had to be kept from
     * putting secret path tokens into a tag).
     */
    private void record(RoutingContext ctx, Vendor vendor, Endpoint endpoint, String outcome) {
        String tenant = endpoint == null ? "unknown" : endpoint.tenant();
        Instant received = ctx.get(RECEIVED);
        Instant now = Instant.now();
        timers.computeIfAbsent(new TimerKey(vendor, tenant, outcome), key -> LatencyBuckets.on(Timer.builder("ingest.webhooks"))
                .description("webhooks answered, by vendor, tenant and outcome, from arrival to answer")
                .tag("vendor", vendor.wireName()).tag("tenant", tenant).tag("outcome", outcome)
                .register(registry)).record(received == null || now.isBefore(received) ? Duration.ZERO : Duration.between(received, now));
    }
}
