package io.switchboard.ingest.support;

import io.switchboard.ingest.verification.AutotaskSignature;
import io.switchboard.ingest.verification.ManageSignature;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Webhook deliveries to the service under test, built and signed the way the vendors (and the sandbox) do. */
public final class Deliveries {

    private Deliveries() {
    }

    public static String autotaskUrl(String token) {
        return IngestTestResource.publicBaseUrl() + "/webhooks/autotask/" + token;
    }

    public static String manageUrl(String token) {
        return IngestTestResource.publicBaseUrl() + "/webhooks/manage/" + token;
    }

    /** An Autotask ticket update callout in Autotask's compact form. */
    public static String callout(long ticketId, String guid, long sequence, Instant at) {
        return "{\"Action\":\"Update\",\"Guid\":\"" + guid + "\",\"EntityType\":\"Ticket\",\"Id\":" + ticketId
                + ",\"Fields\":{\"Status\":\"5\",\"Title\":\"Printer \\u00E9\"},\"EventTime\":\"" + at
                + "\",\"SequenceNumber\":" + sequence + ",\"PersonID\":29682885}";
    }

    public static Map<String, String> autotaskHeaders(byte[] body, String secret) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(AutotaskSignature.HEADER, AutotaskSignature.header(body, secret));
        return headers;
    }

    public static Map<String, String> manageHeaders(byte[] body, String signingKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(ManageSignature.HEADER, ManageSignature.header(body, signingKey));
        return headers;
    }

    /** A correctly signed Autotask callout. */
    public static HttpResponse<String> autotask(String token, String secret, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post(autotaskUrl(token), autotaskHeaders(bytes, secret), bytes);
    }

    /** A signed callout with the vendor's timeout: Autotask abandons a callout not answered within 10 s. */
    public static HttpResponse<String> autotaskWithin(String token, String secret, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(autotaskUrl(token))).timeout(Http.VENDOR_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        autotaskHeaders(bytes, secret).forEach(request::header);
        return Http.send(request.build());
    }

    public static HttpResponse<String> post(String url, Map<String, String> headers, byte[] body) {
        return Http.send("POST", url, headers, body);
    }

    /** A POST whose body is sent chunked (no Content-Length), as a sender that streams would. */
    public static HttpResponse<String> postChunked(String url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Http.VENDOR_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));
        headers.forEach(request::header);
        return Http.send(request.build());
    }
}
