package io.switchboard.ingest.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.contracts.EventJson;
import io.switchboard.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** This service's own access token (client-credentials grant at Keycloak), reused until shortly before it expires. */
@ApplicationScoped
public class ServiceTokens {

    private record Token(String value, long expiresAtNanos) {
    }

    /** Renew this long before expiry, so a token never expires in flight. */
    private static final long MARGIN_NANOS = 30_000_000_000L;

    private final HttpClient http;
    private final IngestConfig.Credentials config;
    private CompletableFuture<Token> current;

    public ServiceTokens(IngestConfig config) {
        this.config = config.credentials();
        this.http = HttpClient.newBuilder().connectTimeout(this.config.requestTimeout()).build();
    }

    public CompletableFuture<String> token() {
        return currentOrNew(null).thenApply(Token::value);
    }

    /** After a 401: the token was refused (revoked, realm re-imported); fetch another unless that already happened. */
    public CompletableFuture<String> renewAfterRejection(String rejected) {
        return currentOrNew(rejected).thenApply(Token::value);
    }

    private synchronized CompletableFuture<Token> currentOrNew(String rejected) {
        CompletableFuture<Token> token = current;
        boolean usable = token != null && !token.isCompletedExceptionally()
                && (!token.isDone() || (token.join().expiresAtNanos() - System.nanoTime() > 0
                && !token.join().value().equals(rejected)));
        if (!usable) {
            current = token = fetch();
        }
        return token;
    }

    private CompletableFuture<Token> fetch() {
        String form = "grant_type=client_credentials&client_id=" + encode(config.clientId())
                + "&client_secret=" + encode(config.clientSecret());
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.tokenUrl())).timeout(config.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        long requestedAt = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new CredentialsUnavailableException("token endpoint answered " + response.statusCode());
            }
            try {
                JsonNode body = EventJson.mapper().readTree(response.body());
                long lifetime = body.path("expires_in").asLong(60) * 1_000_000_000L;
                return new Token(body.path("access_token").asText(), requestedAt + Math.max(lifetime - MARGIN_NANOS, lifetime / 2));
            } catch (IOException e) {
                throw new CredentialsUnavailableException("token endpoint answered no JSON");
            }
        });
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
