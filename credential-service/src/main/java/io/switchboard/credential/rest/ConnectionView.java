package io.switchboard.credential.rest;

import io.switchboard.credential.persistence.ConnectionEntity;
import io.switchboard.credential.persistence.ConnectionEntity.SecretHint;
import io.switchboard.credential.validation.ValidationReport;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A connection as the API shows it: secrets only as a hint and the time they were set. */
@Schema(name = "Connection")
public record ConnectionView(
        UUID id,
        String vendor,
        String displayName,
        Map<String, String> settings,
        @Schema(description = "Per secret field: hint (at most the last 4 characters) and secretSetAt")
        Map<String, SecretView> secrets,
        @Schema(enumeration = {"connected", "failed", "not-run"},
                description = "validation.state: connected, failed (see validation.failure and validation.cause), or "
                        + "not-run for a connection saved before vendor validation existed")
        String validationState,
        ValidationReport validation,
        Instant createdAt,
        Instant updatedAt) {

    public record SecretView(String hint, Instant secretSetAt) {
    }

    static ConnectionView of(ConnectionEntity c) {
        Map<String, SecretView> secrets = new TreeMap<>();
        for (Map.Entry<String, SecretHint> e : c.secretHints.entrySet()) {
            secrets.put(e.getKey(), new SecretView(e.getValue().hint(), e.getValue().setAt()));
        }
        return new ConnectionView(c.id, c.vendor, c.displayName, c.settings, secrets, c.validationState,
                c.validationReport, c.createdAt, c.updatedAt);
    }
}
