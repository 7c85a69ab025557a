package io.switchboard.ingest.client;

import java.util.Map;

/**
 * A connection as credential-service's internal API returns it. Kept in memory only, briefly; {@link #toString()}
 * leaves every secret out.
 *
 * @param webhookSecret the secret of the connection's Autotask webhook, null until one was stored
 */
public record ConnectionCredentials(String id, String tenant, String vendor, Map<String, String> settings,
                                    Map<String, String> secrets, String webhookSecret) {

    public ConnectionCredentials {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    }

    public String setting(String name) {
        return settings.get(name);
    }

    public String secret(String name) {
        return secrets.get(name);
    }

    @Override
    public String toString() {
        return "ConnectionCredentials[id=" + id + ", tenant=" + tenant + ", vendor=" + vendor + ", settings=" + settings.keySet() + "]";
    }
}
