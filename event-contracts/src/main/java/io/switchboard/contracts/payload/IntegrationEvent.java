package io.switchboard.contracts.payload;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.switchboard.contracts.Vendor;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A vendor connection created, updated or removed ({@code io.switchboard.integration.v1} on the compacted
 * {@code integrations.v1}, relayed from credential-service's outbox). It carries only what other services need
 * to act (zone URL, site, company id): credentials stay in credential-service. The schema forbids any other
 * property, and setting names that look like secrets are refused here and by the schema.
 *
 * @param settings non-secret connection settings, camelCase names, e.g. {@code zoneUrl}, {@code site},
 *                 {@code companyId}
 */
public record IntegrationEvent(
        Action action,
        String tenant,
        String connectionId,
        Vendor vendor,
        String displayName,
        Map<String, String> settings,
        Instant occurredAt) {

    /** Same rule as {@code integration-event.schema.json#/properties/settings/propertyNames}. */
    public static final Pattern SECRET_LIKE_NAME =
            Pattern.compile("[sS]ecret|[pP]assword|[tT]oken|[pP]rivateKey|[aA]piKey|[cC]redential|[iI]ntegrationCode");

    public enum Action {
        @JsonProperty("created") CREATED,
        @JsonProperty("updated") UPDATED,
        @JsonProperty("removed") REMOVED
    }

    public IntegrationEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(occurredAt, "occurredAt");
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        settings.keySet().stream()
                .filter(name -> SECRET_LIKE_NAME.matcher(name).find())
                .findFirst()
                .ifPresent(name -> {
                    throw new IllegalArgumentException("setting looks like a secret, keep it in credential-service: " + name);
                });
    }
}
