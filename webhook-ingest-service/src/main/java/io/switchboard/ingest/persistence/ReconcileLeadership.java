package io.switchboard.ingest.persistence;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Which instance runs the periodic reconciliation: the one holding a session-level PostgreSQL advisory lock. Every
 * instance would otherwise read every connection's webhooks from the vendor each interval. The lock lives on a
 * connection of its own, outside the pool (a pooled connection would keep its session, and the lock, when returned):
 * an instance that dies loses its session and with it the lock, and another takes it at its next tick.
 */
@ApplicationScoped
public class ReconcileLeadership {

    /** The advisory lock's key, shared by every instance on the database ("SWBINGRC"). */
    public static final long LOCK_KEY = 0x535742494E475243L;

    private static final Logger LOG = Logger.getLogger(ReconcileLeadership.class);

    private final String url;
    private final String username;
    private final String password;
    private Connection held;

    public ReconcileLeadership(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                               @ConfigProperty(name = "quarkus.datasource.username") String username,
                               @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.url = url;
        this.username = username;
        this.password = password.orElse("");
    }

    /** Whether this instance leads: it holds the lock, or just took it. False when the database is unreachable. */
    public synchronized boolean lead() {
        try {
            if (held != null && held.isValid(5)) {
                return true;
            }
            release();
            Connection connection = DriverManager.getConnection(url, username, password);
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                statement.setLong(1, LOCK_KEY);
                try (ResultSet row = statement.executeQuery()) {
                    if (row.next() && row.getBoolean(1)) {
                        held = connection;
                        LOG.info("this instance now runs the periodic webhook reconciliation");
                        return true;
                    }
                }
            }
            connection.close();
            return false;
        } catch (SQLException e) {
            LOG.warnf("cannot tell whether this instance leads the reconciliation: %s", e.getMessage());
            release();
            return false;
        }
    }

    void stop(@Observes ShutdownEvent event) {
        release();
    }

    /** Ends the session, which releases the lock. */
    private synchronized void release() {
        if (held == null) {
            return;
        }
        try {
            held.close();
        } catch (SQLException e) {
            LOG.debugf("closing the reconciliation lock's session: %s", e.getMessage());
        }
        held = null;
    }
}
