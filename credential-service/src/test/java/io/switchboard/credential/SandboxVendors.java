package io.switchboard.credential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.testsupport.SharedInfra;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The vendor sandbox's control API (/_sandbox): what the demo tenant is granted, limits, faults, reset. */
final class SandboxVendors {

    /** The sandbox's Manage API member (its sandbox.manage.api-member-identifier default). */
    static final String MANAGE_API_MEMBER = "switchboard_api";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private SandboxVendors() {
    }

    /** Every permission set and what it grants now, ids sorted. */
    static Map<String, Set<String>> permissions() {
        Map<String, Set<String>> sets = new TreeMap<>();
        send("GET", "/_sandbox/permissions", null).properties().forEach(e -> {
            List<String> ids = new ArrayList<>();
            e.getValue().forEach(p -> ids.add(p.asText()));
            ids.sort(null);
            sets.put(e.getKey(), new LinkedHashSet<>(ids));
        });
        return sets;
    }

    static void grant(String set, Set<String> permissions) {
        send("PUT", "/_sandbox/permissions/" + set, json(permissions));
    }

    /** Autotask moves the demo tenant's database to the zone at {@code origin}, until the next {@link #reset}. */
    static void moveAutotaskZone(String origin) {
        send("PUT", "/_sandbox/autotask/zone", JSON.createObjectNode().put("origin", origin).toString());
    }

    /** Regenerates the sandbox's data and restores its permissions, limits, faults and Autotask zone. */
    static void reset() {
        send("POST", "/_sandbox/reset", null);
    }

    static JsonNode send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SharedInfra.sandbox().url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body().isEmpty() ? "null" : response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
