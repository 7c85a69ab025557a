package io.switchboard.connectors.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * HTTP transport shared by every vendor client: one timeout policy and retries with full jitter for what is safe
 * to repeat. Only rate limiting (429) and connection failures are retried; a vendor's 4xx/5xx answer is mapped to
 * an error by the vendor's client, since Autotask reports most application errors as 500.
 */
public final class VendorHttp {

    private static final Duration BASE_BACKOFF = Duration.ofMillis(500);

    private final HttpClient client;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Duration baseBackoff;

    /**
     * @param requestTimeout how long one attempt may wait for the vendor's answer
     * @param maxAttempts    attempts of a retryable request, the first included
     */
    public VendorHttp(HttpClient client, Duration requestTimeout, int maxAttempts, Duration baseBackoff) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.maxAttempts = maxAttempts;
        this.baseBackoff = baseBackoff;
    }

    /** For background work: 10 s to connect, 30 s per answer, up to 4 attempts. */
    public static VendorHttp defaults() {
        return bounded(Duration.ofSeconds(10), Duration.ofSeconds(30), 4);
    }

    /**
     * For work someone waits for (e.g. validating a connection while the admin saves it): every attempt ends after
     * {@code connectTimeout + requestTimeout} at most, and there are {@code maxAttempts} of them.
     */
    public static VendorHttp bounded(Duration connectTimeout, Duration requestTimeout, int maxAttempts) {
        return new VendorHttp(HttpClient.newBuilder().connectTimeout(connectTimeout).build(), requestTimeout, maxAttempts,
                BASE_BACKOFF);
    }

    /** A request to {@code uri} with this transport's answer timeout. */
    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(requestTimeout);
    }

    /**
     * Sends the request; {@code retryable} says whether it may be repeated (reads, and writes whose duplicates
     * the caller reconciles). Throws {@link VendorUnreachableException} when no answer came at all.
     */
    public HttpResponse<String> send(HttpRequest request, boolean retryable) {
        for (int attempt = 1; ; attempt++) {
            boolean last = !retryable || attempt >= maxAttempts;
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 429 || last) {
                    return response;
                }
            } catch (IOException e) {
                if (last) {
                    throw new VendorUnreachableException(request.uri().getHost(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VendorUnreachableException(request.uri().getHost(), e);
            }
            sleepWithJitter(attempt);
        }
    }

    private void sleepWithJitter(int attempt) {
        long cap = baseBackoff.toMillis() << Math.min(attempt - 1, 6);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
