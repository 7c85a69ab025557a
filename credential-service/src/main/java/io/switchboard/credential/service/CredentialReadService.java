package io.switchboard.credential.service;

import io.switchboard.credential.persistence.ConnectionEntity;
import io.switchboard.credential.persistence.CredentialAuditEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;

/** Decrypted credentials for Switchboard's own services; no read without its audit row (same transaction). */
@ApplicationScoped
public class CredentialReadService {

    /** @param webhookSecret null while no webhook secret was stored */
    public record Credentials(ConnectionEntity connection, Map<String, String> secrets, String webhookSecret) {
    }

    private final ConnectionService connections;
    private final WebhookSecretService webhookSecrets;

    public CredentialReadService(ConnectionService connections, WebhookSecretService webhookSecrets) {
        this.connections = connections;
        this.webhookSecrets = webhookSecrets;
    }

    @Transactional
    public Credentials read(UUID id, String clientId, String subject) {
        ConnectionEntity connection = ConnectionEntity.<ConnectionEntity>findByIdOptional(id)
                .orElseThrow(() -> new ConnectionNotFoundException(id));
        CredentialAuditEntity.record(connection, CredentialAuditEntity.READ_CREDENTIALS, clientId, subject);
        return new Credentials(connection, connections.secrets(connection), webhookSecrets.read(connection).orElse(null));
    }
}
