package io.switchboard.ingest.rest;

import io.switchboard.ingest.service.Accepted;
import io.switchboard.ingest.service.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** An answer to a vendor: 2xx with a small JSON body, or an RFC 9457 problem. */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers, String outcome) {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final String TYPE_BASE = "https://switchboard.io/problems/";
    private static final Map<Accepted.Kind, String> KINDS = Arrays.stream(Accepted.Kind.values()).collect(Collectors.toMap(
            kind -> kind, kind -> kind.name().toLowerCase(Locale.ROOT), (a, b) -> a, () -> new EnumMap<>(Accepted.Kind.class)));

    static Reply of(Accepted accepted) {
        String kind = KINDS.get(accepted.kind());
        StringBuilder json = new StringBuilder("{\"outcome\":\"").append(kind).append('"');
        if (accepted.eventId() != null) {
            json.append(",\"eventId\":\"").append(accepted.eventId()).append('"');
        }
        if (accepted.detail() != null) {
            json.append(",\"detail\":").append(quote(accepted.detail()));
        }
        json.append('}');
        int status = accepted.kind() == Accepted.Kind.PUBLISHED || accepted.kind() == Accepted.Kind.DUPLICATE ? 200 : 202;
        return new Reply(status, "application/json", json.toString().getBytes(StandardCharsets.UTF_8), Map.of(), kind);
    }

    static Reply of(Rejection rejection, int retryAfterSeconds) {
        String body = "{\"type\":\"" + TYPE_BASE + rejection.slug() + "\",\"title\":" + quote(rejection.title())
                + ",\"status\":" + rejection.status() + ",\"detail\":" + quote(rejection.detail()) + "}";
        Map<String, String> headers = rejection.status() == 503 ? Map.of("Retry-After", Integer.toString(retryAfterSeconds)) : Map.of();
        return new Reply(rejection.status(), PROBLEM_JSON, body.getBytes(StandardCharsets.UTF_8), headers, rejection.slug());
    }

    /** JSON string; details may name what a vendor sent (an entity type), so everything is escaped. */
    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : (text == null ? "" : text).toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
