package io.switchboard.sandbox.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.sandbox.data.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** Small response helpers shared by the vendor routers. */
public final class Http {
    private Http() {
    }

    public static void json(RoutingContext ctx, int status, JsonNode body) {
        send(ctx, status, "application/json; charset=utf-8", Json.bytes(body));
    }

    public static void send(RoutingContext ctx, int status, String contentType, byte[] body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status);
        if (contentType != null) {
            ctx.response().putHeader("Content-Type", contentType);
        }
        ctx.response().end(Buffer.buffer(body));
    }

    public static void empty(RoutingContext ctx, int status) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(status).end();
        }
    }

    /** Scheme, host and port the caller used, so URLs handed out point back at the listener it reached. */
    public static String origin(RoutingContext ctx) {
        String host = ctx.request().getHeader("Host");
        return ctx.request().scheme() + "://" + (host != null ? host : ctx.request().localAddress().toString());
    }

    /** Request body as JSON; null when empty. Throws IllegalArgumentException on malformed JSON. */
    public static JsonNode body(RoutingContext ctx) {
        var b = ctx.body();
        if (b == null || b.length() == 0) {
            return null;
        }
        return Json.parse(b.asString());
    }
}
