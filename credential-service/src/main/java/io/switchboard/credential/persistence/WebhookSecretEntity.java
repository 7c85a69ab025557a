package io.switchboard.credential.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The signing secret of the vendor webhook that webhook-ingest-service registered for a connection. A row of its
 * own, not part of the connection's secrets: storing it changes nothing the tenant sees and announces nothing.
 */
@Entity
@Table(name = "webhook_secret")
public class WebhookSecretEntity extends SealedEntity {

    @Id
    @Column(name = "connection_id")
    public UUID connectionId;

    /** The connection's tenant, part of the additional authenticated data. */
    public String tenant;

    @Column(name = "set_at")
    public Instant setAt;

    /** Optimistic lock: a key rotation cannot put back the previous secret over a concurrent replacement. */
    @Version
    @Column(name = "row_version")
    public long rowVersion;

    /** Its own purpose label: a connection's ciphertext moved into this table (or back) does not decrypt. */
    public static byte[] aad(String tenant, UUID connectionId) {
        return ("switchboard/credential-service/v1/webhook-secret|" + tenant + "|" + connectionId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] aad() {
        return aad(tenant, connectionId);
    }
}
