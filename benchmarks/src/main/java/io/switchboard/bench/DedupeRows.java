package io.switchboard.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Removes a run's rows from the ingest service's deduplication table, so that runs do not pile up rows: every run
 * starts from the table as it was before it. Left in place, each run's ~700,000 rows outgrew PostgreSQL's buffers
 * after a dozen runs, and each later run measured index pages read back from disk rather than the service.
 */
final class DedupeRows {

    private static final int CHUNK = 10_000;

    private final String jdbcUrl;

    DedupeRows(String host, int port) {
        this.jdbcUrl = "jdbc:postgresql://" + host + ":" + port + "/ingest";
    }

    /** Deletes the rows of these event ids (the ticket events' CloudEvent ids); returns how many there were. */
    long delete(Collection<String> eventIds) throws SQLException {
        List<UUID> ids = new ArrayList<>(eventIds.size());
        eventIds.forEach(id -> ids.add(UUID.fromString(id)));
        long deleted = 0;
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "app", "");
             PreparedStatement delete = connection.prepareStatement("DELETE FROM webhook_dedupe WHERE event_id = ANY (?)")) {
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                delete.setArray(1, connection.createArrayOf("uuid", chunk.toArray()));
                deleted += delete.executeUpdate();
            }
        }
        return deleted;
    }
}
