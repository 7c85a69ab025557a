package io.switchboard.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.contracts.EventJson;
import io.switchboard.ingest.config.IngestConfig;
import io.switchboard.ingest.verification.ManageKeyUrlPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Signing keys served at Manage's {@code key_url}s, fetched without blocking (never following a redirect) and kept
 * for a while. Only called with URLs {@link ManageKeyUrlPolicy} allowed.
 */
@ApplicationScoped
public class ManageSigningKeys {

    /** The key URL answered, but without a key (e.g. an unknown key id): nothing can be verified with it. */
    public static class KeyRefusedException extends RuntimeException {
        KeyRefusedException(String message) {
            super(message, null, false, false);
        }
    }

    /** The key URL did not answer usefully (unreachable, timeout, 5xx): a later attempt may work. */
    public static class KeyUnavailableException extends RuntimeException {
        KeyUnavailableException(String message) {
            super(message, null, false, false);
        }
    }

    private final HttpClient http;
    private final Duration timeout;
    private final TtlCache<String, String> keys;

    public ManageSigningKeys(IngestConfig config) {
        this.timeout = config.manage().keyFetchTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.keys = new TtlCache<>(config.manage().signingKeyTtl(), 10_000, this::fetch);
    }

    public CompletableFuture<String> key(String keyUrl) {
        return keys.get(keyUrl);
    }

    /** After a mismatch: fetch again unless the key in memory was fetched moments ago; null when not fetched. */
    public CompletableFuture<String> refetchAfterMismatch(String keyUrl, Duration minAge) {
        return keys.reloadIfOlderThan(keyUrl, minAge);
    }

    private CompletableFuture<String> fetch(String keyUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(keyUrl)).timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    if (error != null) {
                        throw new KeyUnavailableException("signing key URL unreachable: " + error.getClass().getSimpleName());
                    }
                    if (response.statusCode() >= 500 || response.statusCode() == 429) {
                        throw new KeyUnavailableException("signing key URL answered " + response.statusCode());
                    }
                    if (response.statusCode() != 200) {
                        throw new KeyRefusedException("signing key URL answered " + response.statusCode());
                    }
                    // Manage serves the JSON as text/plain: the content type is not checked
                    try {
                        JsonNode key = EventJson.mapper().readTree(response.body()).path("signing_key");
                        if (!key.isTextual() || key.asText().isEmpty()) {
                            throw new KeyRefusedException("signing key URL answered no signing_key");
                        }
                        return key.asText();
                    } catch (IOException e) {
                        throw new KeyRefusedException("signing key URL answered no JSON");
                    }
                });
    }
}
