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

@Entity
@Table(name = "credential_read_audit")
public class CredentialReadAuditEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "connection_id")
    public UUID connectionId;

    public String tenant;

    /** The reading service: the token's authorized party (client id). */
    @Column(name = "client_id")
    public String clientId;

    /** The token's subject (the service account). */
    public String subject;

    @Column(name = "read_at")
    public Instant readAt;
}
