package io.switchboard.ingest.service;

import io.switchboard.ingest.client.CredentialServiceClient;
import io.switchboard.ingest.config.IngestConfig;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The Autotask webhook secret of each connection, read from credential-service and kept in memory for a while. */
@Singleton
public class WebhookSecrets {

    private final TtlCache<String, Optional<String>> secrets;
    private final IngestConfig.Credentials config;

    public WebhookSecrets(CredentialServiceClient credentials, IngestConfig config) {
        this.config = config.credentials();
        this.secrets = new TtlCache<>(this.config.cacheTtl(), 100_000,
                id -> credentials.read(id).thenApply(c -> Optional.ofNullable(c.webhookSecret())));
    }

    /** The secret, or empty when the connection has none stored (no webhook registered yet). */
    public CompletableFuture<Optional<String>> secret(String connectionId) {
        return secrets.get(connectionId);
    }

    /**
     * After a signature did not match: reads the secret again in case it was rotated, unless the one in memory was
     * read moments ago (so bad signatures cannot make us hammer credential-service). Null when not re-read.
     */
    public CompletableFuture<Optional<String>> rereadAfterMismatch(String connectionId) {
        return secrets.reloadIfOlderThan(connectionId, config.minRefresh());
    }

    public void forget(String connectionId) {
        secrets.invalidate(connectionId);
    }
}
