package io.switchboard.ingest.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.ingest.support.SharedBrokerProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * One instance at a time runs the periodic reconciliation. Another instance is played by a session of the test's
 * own on the same database; a dead instance by terminating the running application's lock session.
 */
@QuarkusTest
@TestProfile(SharedBrokerProfile.class)
class ReconcileLeadershipTest {

    @Inject
    ReconcileLeadership leadership;

    @Inject
    AgroalDataSource database;

    @Test
    void theLockHasOneHolderAndPassesToAnotherInstanceWhenItsHolderDies() throws SQLException {
        // the application took the lead at start (its first reconciliation runs at once)
        assertThat(leadership.lead()).isTrue();
        try (Connection otherInstance = database.getConnection()) {
            assertThat(tryLock(otherInstance)).isFalse();

            assertThat(takeOverFromDeadHolder(otherInstance)).isTrue();
            assertThat(leadership.lead()).as("the application's session died and another instance leads now").isFalse();

            unlock(otherInstance);
        }
        assertThat(leadership.lead()).as("the other instance stepped down").isTrue();
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        return call(connection, "SELECT pg_try_advisory_lock(?)");
    }

    private static void unlock(Connection connection) throws SQLException {
        assertThat(call(connection, "SELECT pg_advisory_unlock(?)")).isTrue();
    }

    /**
     * Ends the holder's session and takes the lock. The application's reconciliation timer may take the lock again
     * first (it ticks every few seconds): its new session is then ended too.
     */
    private static boolean takeOverFromDeadHolder(Connection connection) throws SQLException {
        for (int attempt = 0; attempt < 50; attempt++) {
            call(connection, """
                    SELECT bool_or(pg_terminate_backend(pid)) FROM pg_locks
                    WHERE locktype = 'advisory' AND granted AND ((classid::bigint << 32) | objid::bigint) = ?""");
            try {
                Thread.sleep(100); // the ended backend exits, and drops its locks, on its own time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (tryLock(connection)) {
                return true;
            }
        }
        return false;
    }

    private static boolean call(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, ReconcileLeadership.LOCK_KEY);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }
}
