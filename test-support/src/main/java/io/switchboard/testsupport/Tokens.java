package io.switchboard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.contracts.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/** Real access tokens from the shared Keycloak, for the demo users and the service clients of the realm file. */
public final class Tokens {

    private Tokens() {
    }

    /** Password grant through the public switchboard-cli client; demo users' passwords equal their user names. */
    public static String user(String username) {
        return token(Map.of("grant_type", "password", "client_id", "switchboard-cli",
                "username", username, "password", username));
    }

    /** Client credentials grant for a service client (secret {@code <client>-dev-secret} in the realm file). */
    public static String service(String clientId) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", clientId + "-dev-secret"));
    }

    /** The claims of a JWT, without verifying it: for asserting what the provider put in. */
    public static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            return EventJson.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JWT", e);
        }
    }

    static String token(Map<String, String> form) {
        return token(SharedInfra.keycloak().realmUrl(), form);
    }

    /** A token from the realm at {@code realmUrl} (e.g. the local platform's) for an OAuth form grant. */
    public static String token(String realmUrl, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
            }
            return EventJson.mapper().readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("token request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
