package io.switchboard.credential.service;

import io.switchboard.credential.persistence.ConnectionEntity;
import io.switchboard.credential.persistence.CredentialReadAuditEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Decrypted credentials for Switchboard's own services; no read without its audit row (same transaction). */
@ApplicationScoped
public class CredentialReadService {

    public record Credentials(ConnectionEntity connection, Map<String, String> secrets) {
    }

    private final ConnectionService connections;

    public CredentialReadService(ConnectionService connections) {
        this.connections = connections;
    }

    @Transactional
    public Credentials read(UUID id, String clientId, String subject) {
        ConnectionEntity connection = ConnectionEntity.<ConnectionEntity>findByIdOptional(id)
                .orElseThrow(() -> new ConnectionNotFoundException(id));
        CredentialReadAuditEntity audit = new CredentialReadAuditEntity();
        audit.connectionId = connection.id;
        audit.tenant = connection.tenant;
        audit.clientId = clientId;
        audit.subject = subject;
        audit.readAt = Instant.now();
        audit.persist();
        return new Credentials(connection, connections.secrets(connection));
    }
}
