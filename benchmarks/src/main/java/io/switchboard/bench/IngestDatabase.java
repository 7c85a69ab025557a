package io.switchboard.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The ingest service's database on the local platform, as the benchmark needs it. */
final class IngestDatabase {

    private static final int CHUNK = 10_000;

    private final String jdbcUrl;

    IngestDatabase(String host, int port) {
        this.jdbcUrl = "jdbc:postgresql://" + host + ":" + port + "/ingest";
    }

    /**
     * The PostgreSQL server process, as the parent of this session's backend: its data directory is not always the
     * platform's (a clone in a private directory runs its cluster under /var/tmp), its process tree always is.
     */
    List<Long> serverProcess() throws SQLException {
        try (Connection connection = connect();
             Statement query = connection.createStatement();
             ResultSet row = query.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return ProcessHandle.of(row.getLong(1)).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).stream().toList();
        }
    }

    /**
     * Removes a run's rows from the deduplication table (by the ticket events' CloudEvent ids), so that runs do not
     * pile up rows: each starts from the table as it was. Left in place, a dozen runs' rows outgrew PostgreSQL's
     * buffers, and later runs measured index pages read back from disk rather than the service. Returns how many.
     */
    long deleteDedupeRows(Collection<String> eventIds) throws SQLException {
        List<UUID> ids = new ArrayList<>(eventIds.size());
        eventIds.forEach(id -> ids.add(UUID.fromString(id)));
        long deleted = 0;
        try (Connection connection = connect();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM webhook_dedupe WHERE event_id = ANY (?)")) {
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                delete.setArray(1, connection.createArrayOf("uuid", chunk.toArray()));
                deleted += delete.executeUpdate();
            }
        }
        return deleted;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "app", "");
    }
}
