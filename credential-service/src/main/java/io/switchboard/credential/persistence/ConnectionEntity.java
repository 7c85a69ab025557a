package io.switchboard.credential.persistence;

import io.switchboard.credential.validation.ValidationReport;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "connection")
public class ConnectionEntity extends SealedEntity {

    @Id
    public UUID id;

    public String tenant;

    public String vendor;

    @Column(name = "display_name")
    public String displayName;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> settings;

    /** Per secret field: a hint of its value (at most its last 4 characters) and when it was set. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "secret_hints")
    public Map<String, SecretHint> secretHints;

    @Column(name = "validation_state")
    public String validationState;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "validation_report")
    public ValidationReport validationReport;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /**
     * When the tenant deleted the connection; null while it is live. A removed connection no longer exists for its
     * tenant, but its credentials stay readable by Switchboard's services until the purge deletes the row.
     */
    @Column(name = "removed_at")
    public Instant removedAt;

    /** Optimistic lock: a key rotation and an update of the same row cannot overwrite each other. */
    @Version
    @Column(name = "row_version")
    public long rowVersion;

    public record SecretHint(String hint, Instant setAt) {
    }

    /** The tenant's connection unless it was removed. */
    public static Optional<ConnectionEntity> findForTenant(String tenant, UUID id) {
        return find("id = ?1 and tenant = ?2 and removedAt is null", id, tenant).firstResultOptional();
    }

    public static List<ConnectionEntity> listForTenant(String tenant) {
        return list("tenant = ?1 and removedAt is null order by createdAt", tenant);
    }

    /** The connection if it is live or was removed after {@code removedAfter} (still in its grace period). */
    public static Optional<ConnectionEntity> findReadable(UUID id, Instant removedAfter) {
        return find("id = ?1 and (removedAt is null or removedAt > ?2)", id, removedAfter).firstResultOptional();
    }

    /** The connection's secret fields are bound to its tenant and id. */
    public static byte[] aad(String tenant, UUID id) {
        return ("switchboard/credential-service/v1|" + tenant + "|" + id).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] aad() {
        return aad(tenant, id);
    }
}
