package io.switchboard.workflow.persistence;

import io.agroal.api.AgroalDataSource;
import io.switchboard.contracts.payload.TicketEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

/** The durable record of ticket events already taken in, keyed by CloudEvent id. */
@ApplicationScoped
public class TicketEventInbox {

    private static final String INSERT = """
            INSERT INTO ticket_event_inbox
                (event_id, tenant, vendor, ticket_id, action, occurred_at, kafka_topic, kafka_partition, kafka_offset)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (event_id) DO NOTHING""";

    private final AgroalDataSource dataSource;

    TicketEventInbox(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return {@code true} if the event is new, {@code false} for a redelivery of one already recorded */
    public boolean recordIfNew(String eventId, TicketEvent ticket, String topic, int partition, long offset) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, eventId);
            insert.setString(2, ticket.tenant());
            insert.setString(3, ticket.vendor().wireName());
            insert.setString(4, ticket.ticketId());
            insert.setString(5, ticket.action().name().toLowerCase());
            insert.setTimestamp(6, Timestamp.from(ticket.occurredAt()));
            insert.setString(7, topic);
            insert.setInt(8, partition);
            insert.setLong(9, offset);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record ticket event " + eventId, e);
        }
    }
}
