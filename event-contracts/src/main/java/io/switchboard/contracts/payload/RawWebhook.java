package io.switchboard.contracts.payload;

import io.switchboard.contracts.Vendor;
import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A vendor webhook exactly as received ({@code io.switchboard.webhook.raw.v1} on {@code webhooks.raw.v1}), for
 * audit and replay: with the body and signature headers a replay tool can verify and normalize it again.
 *
 * @param headers HTTP headers, names lowercased, repeated headers joined with {@code ", "}. Credential headers
 *                ({@link #CREDENTIAL_HEADERS}) are dropped here, because secrets never go on Kafka.
 * @param body    the request body decoded as UTF-8, byte for byte (signatures are computed over it)
 * @param verified whether the signature check passed
 */
public record RawWebhook(
        String tenant,
        String connectionId,
        Vendor vendor,
        Instant receivedAt,
        String contentType,
        Map<String, String> headers,
        String body,
        boolean verified) {

    public static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

    public RawWebhook {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(body, "body");
        Map<String, String> normalized = new TreeMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!CREDENTIAL_HEADERS.contains(lower)) {
                    normalized.merge(lower, value, (a, b) -> a + ", " + b);
                }
            });
        }
        headers = Collections.unmodifiableMap(normalized);
    }
}
