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

    /** Optimistic lock: a key rotation and an update of the same row cannot overwrite each other. */
    @Version
    @Column(name = "row_version")
    public long rowVersion;

    public record SecretHint(String hint, Instant setAt) {
    }

    public static Optional<ConnectionEntity> findForTenant(String tenant, UUID id) {
        return find("id = ?1 and tenant = ?2", id, tenant).firstResultOptional();
    }

    public static List<ConnectionEntity> listForTenant(String tenant) {
        return list("tenant = ?1 order by createdAt", tenant);
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
