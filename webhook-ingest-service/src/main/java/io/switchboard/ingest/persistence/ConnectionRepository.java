package io.switchboard.ingest.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.agroal.api.AgroalDataSource;
import io.switchboard.contracts.EventJson;
import io.switchboard.contracts.Vendor;
import io.switchboard.contracts.payload.IntegrationEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The connections this service knows from {@code integrations.v1}, their endpoint tokens and registration state. */
@ApplicationScoped
public class ConnectionRepository {

    public record ConnectionRow(String id, String tenant, Vendor vendor, Map<String, String> settings, boolean removed) {

        public String setting(String name) {
            return settings.get(name);
        }
    }

    /** An endpoint token and where its registration lives ({@code location} is empty when it follows the account). */
    public record EndpointRow(byte[] tokenHash, String connectionId, String vendorWebhookId, Map<String, String> location) {
    }

    public record Registration(String state, String detail, Instant checkedAt) {
    }

    private static final TypeReference<Map<String, String>> SETTINGS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;

    public ConnectionRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Applies a connection event unless a newer one was applied already (the compacted topic may replay older
     * ones). A removal revokes the connection's endpoint tokens at once (only live connections' tokens resolve); their
     * rows stay until the registrar has deleted the registrations they name. Returns whether anything changed.
     */
    public boolean apply(IntegrationEvent event) {
        boolean removed = event.action() == IntegrationEvent.Action.REMOVED;
        return query(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO connection (id, tenant, vendor, settings, removed, event_time) VALUES (?, ?, ?, ?::jsonb, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings, removed = EXCLUDED.removed,
                        event_time = EXCLUDED.event_time
                    WHERE connection.event_time <= EXCLUDED.event_time AND connection.tenant = EXCLUDED.tenant""")) {
                upsert.setString(1, event.connectionId());
                upsert.setString(2, event.tenant());
                upsert.setString(3, event.vendor().wireName());
                upsert.setString(4, json(event.settings()));
                upsert.setBoolean(5, removed);
                upsert.setTimestamp(6, Timestamp.from(event.occurredAt()));
                return upsert.executeUpdate() == 1;
            }
        });
    }

    /** A tombstone on integrations.v1: the connection is gone, whatever its last event said. */
    public void markRemoved(String connectionId) {
        update("UPDATE connection SET removed = true, event_time = greatest(event_time, now()) WHERE id = ?", connectionId);
    }

    public Optional<ConnectionRow> find(String connectionId) {
        List<ConnectionRow> rows = connections("SELECT id, tenant, vendor, settings, removed FROM connection WHERE id = ?", connectionId);
        return rows.stream().findFirst();
    }

    /** Connections of the given vendors to reconcile: live ones, and removed ones with registrations left to delete. */
    public List<ConnectionRow> toReconcile(List<Vendor> vendors) {
        String[] names = vendors.stream().map(Vendor::wireName).toArray(String[]::new);
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    """
                    SELECT id, tenant, vendor, settings, removed FROM connection c WHERE vendor = ANY (?)
                    AND (NOT removed OR EXISTS (SELECT 1 FROM webhook_endpoint e WHERE e.connection_id = c.id)) ORDER BY id""")) {
                select.setArray(1, connection.createArrayOf("text", names));
                return readConnections(select);
            }
        });
    }

    public List<EndpointRow> endpoints(String connectionId) {
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT token_hash, connection_id, vendor_webhook_id, vendor_location FROM webhook_endpoint WHERE connection_id = ?")) {
                select.setString(1, connectionId);
                List<EndpointRow> rows = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String location = rs.getString(4);
                        rows.add(new EndpointRow(rs.getBytes(1), rs.getString(2), rs.getString(3),
                                location == null ? Map.of() : settings(location)));
                    }
                }
                return rows;
            }
        });
    }

    /** The live connection a token belongs to, if any. */
    public Optional<String> liveOwner(byte[] tokenHash) {
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT e.connection_id FROM webhook_endpoint e JOIN connection c ON c.id = e.connection_id
                    WHERE e.token_hash = ? AND NOT c.removed""")) {
                select.setBytes(1, tokenHash);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    public void addEndpoint(byte[] tokenHash, ConnectionRow owner, Map<String, String> location) {
        update("""
                INSERT INTO webhook_endpoint (token_hash, connection_id, tenant, vendor, vendor_location, created_at)
                VALUES (?, ?, ?, ?, ?::jsonb, now())""",
                tokenHash, owner.id(), owner.tenant(), owner.vendor().wireName(), location.isEmpty() ? null : json(location));
    }

    public void setVendorWebhookId(byte[] tokenHash, String vendorWebhookId) {
        update("UPDATE webhook_endpoint SET vendor_webhook_id = ? WHERE token_hash = ?", vendorWebhookId, tokenHash);
    }

    public void deleteEndpoint(byte[] tokenHash) {
        update("DELETE FROM webhook_endpoint WHERE token_hash = ?", tokenHash);
    }

    /** Forgets every endpoint of the connection. */
    public void deleteEndpoints(String connectionId) {
        update("DELETE FROM webhook_endpoint WHERE connection_id = ?", connectionId);
    }

    public void recordRegistration(String connectionId, String state, String detail) {
        update("UPDATE connection SET registration_state = ?, registration_detail = ?, registration_checked = now() WHERE id = ?",
                state, detail, connectionId);
    }

    /**
     * Records a pass that only confirmed the registration: a detail that already starts with what it would say (it
     * also tells what the pass that made the registration did, such as a deletion at a former location) is kept, so a
     * periodic check does not erase it within seconds.
     */
    public void confirmRegistration(String connectionId, String state, String detail) {
        update("""
                UPDATE connection SET registration_state = ?, registration_checked = now(),
                registration_detail = CASE WHEN registration_state = ? AND (registration_detail = ? OR starts_with(registration_detail, ?))
                THEN registration_detail ELSE ? END WHERE id = ?""",
                state, state, detail, detail + "; ", detail, connectionId);
    }

    public Optional<Registration> registration(String connectionId) {
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT registration_state, registration_detail, registration_checked FROM connection WHERE id = ?")) {
                select.setString(1, connectionId);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Registration>empty();
                    }
                    Timestamp checked = rs.getTimestamp(3);
                    return Optional.of(new Registration(rs.getString(1), rs.getString(2), checked == null ? null : checked.toInstant()));
                }
            }
        });
    }

    /**
     * Runs {@code work} holding a PostgreSQL advisory lock on {@code name}, so instances never register the same
     * connection at once. The lock is held by a session of its own for as long as the (slow) vendor calls take.
     */
    public <T> T withLock(String name, Supplier<T> work) {
        try (Connection session = dataSource.getConnection()) {
            try (PreparedStatement lock = session.prepareStatement("SELECT pg_advisory_lock(hashtextextended(?, 0))")) {
                lock.setString(1, name);
                lock.execute();
            }
            try {
                return work.get();
            } finally {
                try (PreparedStatement unlock = session.prepareStatement("SELECT pg_advisory_unlock(hashtextextended(?, 0))")) {
                    unlock.setString(1, name);
                    unlock.execute();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("advisory lock " + name + " failed: " + e.getMessage(), e);
        }
    }

    private List<ConnectionRow> connections(String sql, String parameter) {
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, parameter);
                return readConnections(select);
            }
        });
    }

    private static List<ConnectionRow> readConnections(PreparedStatement select) throws SQLException {
        List<ConnectionRow> rows = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.add(new ConnectionRow(rs.getString(1), rs.getString(2), Vendor.fromWireName(rs.getString(3)),
                        settings(rs.getString(4)), rs.getBoolean(5)));
            }
        }
        return rows;
    }

    private void update(String sql, Object... parameters) {
        query(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                return statement.executeUpdate();
            }
        });
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T query(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("database: " + e.getMessage(), e);
        }
    }

    private static String json(Map<String, String> settings) {
        try {
            return EventJson.mapper().writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("settings are not JSON-writable", e);
        }
    }

    private static Map<String, String> settings(String json) {
        try {
            return EventJson.mapper().readValue(json, SETTINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored settings are not JSON", e);
        }
    }
}
