package io.switchboard.credential.service;

import io.switchboard.credential.crypto.EnvelopeCipher;
import io.switchboard.credential.persistence.ConnectionEntity;
import io.switchboard.credential.persistence.CredentialAuditEntity;
import io.switchboard.credential.persistence.WebhookSecretEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The signing secret of a connection's vendor webhook, set by webhook-ingest-service when it registers the webhook.
 * Sealed under the same envelope encryption as the connection's secrets and audited like a credentials read; it is
 * not a setting of the tenant's, so it neither changes the connection (hints, update time, version) nor emits an
 * integration event.
 */
@ApplicationScoped
public class WebhookSecretService {

    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 256;
    /** Printable ASCII: the secret is an HMAC key both sides must encode the same way. */
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7e]*");

    private final EnvelopeCipher cipher;

    public WebhookSecretService(EnvelopeCipher cipher) {
        this.cipher = cipher;
    }

    /** Why the value is not acceptable as a webhook secret, or empty. Never quotes the value. */
    public static Optional<String> problem(String secret) {
        if (secret.length() < MIN_LENGTH || secret.length() > MAX_LENGTH) {
            return Optional.of("must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        if (!PRINTABLE.matcher(secret).matches()) {
            return Optional.of("must consist of printable ASCII characters");
        }
        return Optional.empty();
    }

    /** Stores (or replaces) the connection's webhook secret; the caller checked it with {@link #problem}. */
    @Transactional
    public void store(UUID connectionId, String secret, String clientId, String subject) {
        // the connection's row lock serialises concurrent first writes, which would otherwise both insert; a removed
        // connection gets no new webhook (it may only be read during its grace period, to delete the old one)
        ConnectionEntity connection = ConnectionEntity.<ConnectionEntity>findByIdOptional(connectionId, LockModeType.PESSIMISTIC_WRITE)
                .filter(found -> found.removedAt == null)
                .orElseThrow(() -> new ConnectionNotFoundException(connectionId));
        WebhookSecretEntity stored = WebhookSecretEntity.<WebhookSecretEntity>findByIdOptional(connectionId).orElseGet(() -> {
            WebhookSecretEntity created = new WebhookSecretEntity();
            created.connectionId = connectionId;
            created.tenant = connection.tenant;
            return created;
        });
        stored.seal(cipher.seal(secret.getBytes(StandardCharsets.UTF_8), stored.aad()));
        stored.setAt = Instant.now();
        stored.persist();
        CredentialAuditEntity.record(connection, CredentialAuditEntity.WRITE_WEBHOOK_SECRET, clientId, subject);
    }

    /** The decrypted webhook secret of the connection, if one was stored; callers must not log or keep it. */
    public Optional<String> read(ConnectionEntity connection) {
        return WebhookSecretEntity.<WebhookSecretEntity>findByIdOptional(connection.id)
                .map(stored -> new String(cipher.open(stored.sealedSecret(), stored.aad()), StandardCharsets.UTF_8));
    }
}
