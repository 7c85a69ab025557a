package io.switchboard.ingest.service;

import java.time.Instant;
import java.util.Map;

/**
 * A webhook request as received: the exact body bytes (signatures are over them) and the headers, names lower-cased,
 * repeats joined with {@code ", "}.
 */
public record InboundRequest(byte[] body, Map<String, String> headers, Instant receivedAt) {

    public String header(String name) {
        return headers.get(name);
    }

    public String contentType() {
        return headers.get("content-type");
    }
}
