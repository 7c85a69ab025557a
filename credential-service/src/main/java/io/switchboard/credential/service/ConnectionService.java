package io.switchboard.credential.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.contracts.Vendor;
import io.switchboard.contracts.payload.IntegrationEvent;
import io.switchboard.credential.crypto.CryptoException;
import io.switchboard.credential.crypto.EnvelopeCipher;
import io.switchboard.credential.outbox.OutboxWriter;
import io.switchboard.credential.persistence.ConnectionEntity;
import io.switchboard.credential.persistence.ConnectionEntity.SecretHint;
import io.switchboard.credential.validation.ConnectionValidator;
import io.switchboard.credential.validation.ValidationReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A tenant's connections: stored encrypted, validated against the vendor on every save and test, announced via the outbox. */
@ApplicationScoped
public class ConnectionService {

    /** Secrets shorter than this show no characters in their hint: 4 of 8 would give too much away. */
    static final int HINT_MIN_LENGTH = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EnvelopeCipher cipher;
    private final OutboxWriter outbox;
    private final Map<Vendor, ConnectionValidator> validators = new EnumMap<>(Vendor.class);

    public ConnectionService(EnvelopeCipher cipher, OutboxWriter outbox, Instance<ConnectionValidator> validators) {
        this.cipher = cipher;
        this.outbox = outbox;
        validators.forEach(v -> this.validators.put(v.vendor(), v));
        for (Vendor vendor : Vendor.values()) {
            if (!this.validators.containsKey(vendor)) {
                throw new IllegalStateException("no connection validator for " + vendor.wireName());
            }
        }
    }

    public List<ConnectionEntity> list(String tenant) {
        return ConnectionEntity.listForTenant(tenant);
    }

    public ConnectionEntity get(String tenant, UUID id) {
        return ConnectionEntity.findForTenant(tenant, id).orElseThrow(() -> new ConnectionNotFoundException(id));
    }

    public ConnectionEntity create(String tenant, ConnectionDraft draft) {
        Instant now = now();
        Map<String, String> secrets = apply(new HashMap<>(), draft.secrets());
        ValidationReport report = validators.get(draft.vendor()).validate(draft.settings(), secrets);
        return QuarkusTransaction.requiringNew().call(() -> {
            ConnectionEntity connection = new ConnectionEntity();
            connection.id = UUID.randomUUID();
            connection.tenant = tenant;
            connection.vendor = draft.vendor().wireName();
            connection.createdAt = now;
            connection.secretHints = new HashMap<>();
            write(connection, draft, secrets, report, now);
            connection.persist();
            outbox.connectionChanged(connection, IntegrationEvent.Action.CREATED, now);
            return connection;
        });
    }

    /** Replaces the settings; secrets not sent keep their value. The vendor cannot change. */
    public ConnectionEntity update(String tenant, UUID id, ConnectionDraft draft) {
        ConnectionEntity before = get(tenant, id);
        if (!before.vendor.equals(draft.vendor().wireName())) {
            throw InvalidInputException.unprocessable("vendor", "cannot change: create a new connection instead");
        }
        Instant now = now();
        Map<String, String> secrets = apply(secrets(before), draft.secrets());
        ValidationReport report = validators.get(draft.vendor()).validate(draft.settings(), secrets);
        return QuarkusTransaction.requiringNew().call(() -> {
            ConnectionEntity connection = unchangedSince(before);
            write(connection, draft, secrets, report, now);
            outbox.connectionChanged(connection, IntegrationEvent.Action.UPDATED, now);
            return connection;
        });
    }

    /**
     * Marks the connection removed: gone for its tenant at once, while its sealed credentials stay readable by
     * Switchboard's services for the grace period (webhook-ingest-service needs them to delete the vendor webhook it
     * registered); {@link RemovedConnectionPurge} deletes the row afterwards.
     */
    @Transactional
    public void delete(String tenant, UUID id) {
        ConnectionEntity connection = get(tenant, id);
        Instant now = now();
        connection.removedAt = now;
        outbox.connectionChanged(connection, IntegrationEvent.Action.REMOVED, now);
    }

    /**
     * Re-validates a saved connection against the vendor and stores the report. When a successful check discovers
     * something else that other services act on (Autotask moved the tenant's database to another zone), the
     * connection is announced as updated.
     */
    public ConnectionEntity test(String tenant, UUID id) {
        ConnectionEntity before = get(tenant, id);
        Vendor vendor = Vendor.fromWireName(before.vendor);
        Map<String, String> announced = VendorFields.published(vendor, before.settings, before.validationReport);
        ValidationReport report = validators.get(vendor).validate(before.settings, secrets(before));
        return QuarkusTransaction.requiringNew().call(() -> {
            ConnectionEntity connection = unchangedSince(before);
            record(connection, report);
            if (report.state() == ValidationReport.State.CONNECTED
                    && !VendorFields.published(vendor, connection.settings, report).equals(announced)) {
                outbox.connectionChanged(connection, IntegrationEvent.Action.UPDATED, now());
            }
            return connection;
        });
    }

    /** The decrypted secret fields of a connection; callers must not log or keep them. */
    public Map<String, String> secrets(ConnectionEntity connection) {
        byte[] plaintext = cipher.open(connection.sealedSecret(), connection.aad());
        try {
            return JSON.readValue(plaintext, new TypeReference<Map<String, String>>() {
            });
        } catch (IOException e) {
            throw new CryptoException("decrypted secrets of connection " + connection.id + " are not readable");
        }
    }

    /** The secrets after applying a request's changes (a null value removes an optional secret). */
    private static Map<String, String> apply(Map<String, String> current, Map<String, String> changes) {
        changes.forEach((name, value) -> {
            if (value == null) {
                current.remove(name);
            } else {
                current.put(name, value);
            }
        });
        return current;
    }

    /** All secrets re-encrypted under a new data key; hints and set-times only for the ones this request sent. */
    private void write(ConnectionEntity connection, ConnectionDraft draft, Map<String, String> secrets,
                       ValidationReport report, Instant now) {
        connection.displayName = draft.displayName();
        connection.settings = draft.settings();
        Map<String, SecretHint> hints = new HashMap<>(connection.secretHints);
        draft.secrets().forEach((name, value) -> {
            if (value == null) {
                hints.remove(name);
            } else {
                hints.put(name, new SecretHint(hint(value), now));
            }
        });
        connection.secretHints = hints;
        try {
            connection.seal(cipher.seal(JSON.writeValueAsBytes(secrets), connection.aad()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("secrets cannot be serialised", e);
        }
        connection.updatedAt = now;
        record(connection, report);
    }

    /**
     * The row, reloaded inside the write transaction, if nobody changed it while the vendor was being asked
     * (which happens outside any transaction, so no row lock is held during a slow vendor call).
     */
    private static ConnectionEntity unchangedSince(ConnectionEntity before) {
        ConnectionEntity connection = ConnectionEntity.findForTenant(before.tenant, before.id)
                .orElseThrow(() -> new ConnectionNotFoundException(before.id));
        if (connection.rowVersion != before.rowVersion) {
            throw new OptimisticLockException("connection " + before.id + " changed meanwhile");
        }
        return connection;
    }

    private static void record(ConnectionEntity connection, ValidationReport report) {
        connection.validationReport = report;
        connection.validationState = report.state().wireName();
    }

    static String hint(String secret) {
        return secret.length() < HINT_MIN_LENGTH ? "****" : "****" + secret.substring(secret.length() - 4);
    }

    // PostgreSQL keeps microseconds: truncating keeps the stored value and the event's time equal
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
