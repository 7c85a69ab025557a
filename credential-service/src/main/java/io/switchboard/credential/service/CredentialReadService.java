package io.switchboard.credential.service;

import io.switchboard.credential.persistence.ConnectionEntity;
import io.switchboard.credential.persistence.CredentialAuditEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;

/**
 * Decrypted credentials for Switchboard's own services; no read without its audit row (same transaction). A removed
 * connection stays readable during its grace period, so a service can still undo at the vendor what it set up there.
 */
@ApplicationScoped
public class CredentialReadService {

    /** @param webhookSecret null while no webhook secret was stored */
    public record Credentials(ConnectionEntity connection, Map<String, String> secrets, String webhookSecret) {
    }

    private final ConnectionService connections;
    private final WebhookSecretService webhookSecrets;
    private final RemovedConnectionPurge purge;

    public CredentialReadService(ConnectionService connections, WebhookSecretService webhookSecrets,
                                 RemovedConnectionPurge purge) {
        this.connections = connections;
        this.webhookSecrets = webhookSecrets;
        this.purge = purge;
    }

    @Transactional
    public Credentials read(UUID id, String clientId, String subject) {
        ConnectionEntity connection = ConnectionEntity.findReadable(id, purge.graceCutoff())
                .orElseThrow(() -> new ConnectionNotFoundException(id));
        CredentialAuditEntity.record(connection, CredentialAuditEntity.READ_CREDENTIALS, clientId, subject);
        return new Credentials(connection, connections.secrets(connection), webhookSecrets.read(connection).orElse(null));
    }
}
