package io.switchboard.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.connectors.http.Json;
import io.switchboard.testsupport.SharedInfra;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The sandbox's control API (/_sandbox), for tests that take a permission away or lower a limit. */
public final class SandboxControl {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SandboxControl() {
    }

    /** What the demo tenant is granted in {@code set} now. */
    public static Set<String> permissions(String set) {
        List<String> granted = new ArrayList<>();
        send("GET", "/_sandbox/permissions", null).path(set).forEach(p -> granted.add(p.asText()));
        return Set.copyOf(granted);
    }

    public static void grant(String set, Set<String> permissions) {
        send("PUT", "/_sandbox/permissions/" + set, Json.MAPPER.valueToTree(permissions).toString());
    }

    /** Runs {@code test} with {@code permission} taken out of {@code set}, then grants the set as it was. */
    public static void without(String set, String permission, Runnable test) {
        Set<String> before = permissions(set);
        Set<String> fewer = new java.util.HashSet<>(before);
        fewer.remove(permission);
        grant(set, fewer);
        try {
            test.run();
        } finally {
            grant(set, before);
        }
    }

    public static JsonNode send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SharedInfra.sandbox().url() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return Json.read(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
