package io.switchboard.credential.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Every use of the internal secrets API: who (the token's client), when, which connection, what. */
@Entity
@Table(name = "credential_audit")
public class CredentialAuditEntity extends PanacheEntityBase {

    /** What a service did; stored as the wire name. */
    public static final String READ_CREDENTIALS = "read-credentials";
    public static final String WRITE_WEBHOOK_SECRET = "write-webhook-secret";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "connection_id")
    public UUID connectionId;

    public String tenant;

    /** The calling service: the token's authorized party (client id). */
    @Column(name = "client_id")
    public String clientId;

    /** The token's subject (the service account). */
    public String subject;

    /** {@link #READ_CREDENTIALS} or {@link #WRITE_WEBHOOK_SECRET}. */
    public String action;

    public Instant at;

    public static void record(ConnectionEntity connection, String action, String clientId, String subject) {
        CredentialAuditEntity audit = new CredentialAuditEntity();
        audit.connectionId = connection.id;
        audit.tenant = connection.tenant;
        audit.action = action;
        audit.clientId = clientId;
        audit.subject = subject;
        audit.at = Instant.now();
        audit.persist();
    }
}
