package io.switchboard.contracts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * CloudEvent {@code source} values (URI references). Together with {@code id} the source identifies an event,
 * so it names the producing service and the tenant/connection the event is about, never an instance or host.
 */
public final class EventSources {

    private EventSources() {
    }

    /** {@code /switchboard/{service}/tenants/{tenant}/connections/{connectionId}}. */
    public static String connection(String service, String tenant, String connectionId) {
        return tenant(service, tenant) + "/connections/" + segment(connectionId);
    }

    /** {@code /switchboard/{service}/tenants/{tenant}}, for events not tied to one connection. */
    public static String tenant(String service, String tenant) {
        return service(service) + "/tenants/" + segment(tenant);
    }

    /** {@code /switchboard/{service}}, only for events whose tenant is unknown (dead letters). */
    public static String service(String service) {
        return "/switchboard/" + segment(service);
    }

    private static String segment(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("source segment must not be blank");
        }
        // Percent-encode so an id containing '/' or spaces cannot change the shape of the path.
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
