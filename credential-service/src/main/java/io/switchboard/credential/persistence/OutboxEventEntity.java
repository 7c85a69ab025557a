package io.switchboard.credential.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of the outbox the Debezium relay publishes (column names are the EventRouter's defaults). */
@Entity
@Table(name = "outbox_event")
public class OutboxEventEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The destination topic: the relay routes on this column. */
    public String aggregatetype;

    /** The Kafka record key. */
    public String aggregateid;

    public String type;

    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode payload;

    @Column(name = "created_at")
    public Instant createdAt;
}
