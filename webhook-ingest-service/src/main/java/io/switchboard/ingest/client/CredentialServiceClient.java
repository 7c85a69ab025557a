package io.switchboard.ingest.client;

import com.fasterxml.jackson.core.type.TypeReference;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * credential-service's internal API, with this service's own token: reads of a connection's credentials (audited
 * there) and storing the secret of a webhook we created. What is read is never persisted here.
 */
@ApplicationScoped
public class CredentialServiceClient {

    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };

    private final HttpClient http;
    private final ServiceTokens tokens;
    private final IngestConfig.Credentials config;

    public CredentialServiceClient(ServiceTokens tokens, IngestConfig config) {
        this.tokens = tokens;
        this.config = config.credentials();
        this.http = HttpClient.newBuilder().connectTimeout(this.config.requestTimeout()).build();
    }

    /** Reads without blocking; fails with {@link ConnectionGoneException} or {@link CredentialsUnavailableException}. */
    public CompletableFuture<ConnectionCredentials> read(String connectionId) {
        return send(token -> HttpRequest.newBuilder(uri(connectionId, "credentials")).GET()
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .timeout(config.requestTimeout()).build())
                .thenApply(response -> switch (response.statusCode()) {
                    case 200 -> parse(response.body());
                    case 404 -> throw new ConnectionGoneException(connectionId);
                    default -> throw new CredentialsUnavailableException(
                            "credential-service answered " + response.statusCode() + " reading connection " + connectionId);
                });
    }

    /** Blocking read for the registrar. */
    public ConnectionCredentials readNow(String connectionId) {
        return await(read(connectionId));
    }

    /** Stores the secret of the connection's Autotask webhook (sealed by credential-service); blocking. */
    public void storeWebhookSecret(String connectionId, String secret) {
        String body = EventJson.mapper().createObjectNode().put("secret", secret).toString();
        HttpResponse<String> response = await(send(token -> HttpRequest.newBuilder(uri(connectionId, "webhook-secret"))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(config.requestTimeout()).build()));
        if (response.statusCode() == 404) {
            throw new ConnectionGoneException(connectionId);
        }
        if (response.statusCode() / 100 != 2) {
            throw new CredentialsUnavailableException(
                    "credential-service answered " + response.statusCode() + " storing the webhook secret of " + connectionId);
        }
    }

    /** Sends with the current token; a 401 renews the token once and repeats. */
    private CompletableFuture<HttpResponse<String>> send(Function<String, HttpRequest> request) {
        return tokens.token().thenCompose(token -> http.sendAsync(request.apply(token), HttpResponse.BodyHandlers.ofString())
                .thenCompose(response -> response.statusCode() != 401 ? CompletableFuture.completedFuture(response)
                        : tokens.renewAfterRejection(token).thenCompose(renewed ->
                        http.sendAsync(request.apply(renewed), HttpResponse.BodyHandlers.ofString()))))
                .exceptionally(error -> {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    if (cause instanceof RuntimeException runtime && !(cause instanceof IllegalArgumentException)) {
                        throw runtime;
                    }
                    throw new CredentialsUnavailableException("credential-service unreachable: " + cause.getClass().getSimpleName());
                });
    }

    private URI uri(String connectionId, String resource) {
        String base = config.serviceUrl().endsWith("/") ? config.serviceUrl() : config.serviceUrl() + "/";
        return URI.create(base + "internal/v1/connections/" + URLEncoder.encode(connectionId, StandardCharsets.UTF_8) + "/" + resource);
    }

    private static ConnectionCredentials parse(String body) {
        try {
            JsonNode json = EventJson.mapper().readTree(body);
            return new ConnectionCredentials(json.path("id").asText(), json.path("tenant").asText(), json.path("vendor").asText(),
                    EventJson.mapper().convertValue(json.path("settings"), STRINGS),
                    EventJson.mapper().convertValue(json.path("secrets"), STRINGS),
                    json.hasNonNull("webhookSecret") ? json.get("webhookSecret").asText() : null);
        } catch (IOException | IllegalArgumentException e) {
            throw new CredentialsUnavailableException("credential-service answered something other than credentials");
        }
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(config.requestTimeout().toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new CredentialsUnavailableException("credential-service call failed: " + e.getCause());
        } catch (TimeoutException e) {
            throw new CredentialsUnavailableException("credential-service did not answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialsUnavailableException("interrupted");
        }
    }
}
