package io.switchboard.ingest.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.ingest.support.SharedBrokerProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The claim / publish / outcome protocol against the real database. */
@QuarkusTest
@TestProfile(SharedBrokerProfile.class)
class DedupeStoreTest {

    @Inject
    DedupeStore store;

    @Inject
    @DataSource("dedupe")
    AgroalDataSource dedupeDatabase;

    @Inject
    AgroalDataSource database;

    @Test
    void aNewEventIsClaimedOnceAndAPublishedOneIsADuplicate() {
        UUID id = UUID.randomUUID();
        assertThat(store.claim(id, "t").join()).isEqualTo(new DedupeStore.Claim(true, 0));
        // while the first claimer publishes, another delivery neither publishes nor is told it is done
        DedupeStore.Claim meanwhile = store.claim(id, "t").join();
        assertThat(meanwhile.claimed()).isFalse();
        assertThat(meanwhile.duplicate()).isFalse();

        store.recordOutcome(id, DedupeStore.ALL).join();
        assertThat(store.claim(id, "t").join().duplicate()).isTrue();
    }

    @Test
    void aFailedPublishIsReleasedForTheRetry() {
        UUID id = UUID.randomUUID();
        store.claim(id, "t").join();
        store.recordOutcome(id, 0).join();

        assertThat(store.claim(id, "t").join()).isEqualTo(new DedupeStore.Claim(true, 0));
    }

    @Test
    void aPartlyPublishedEventIsReclaimedWithWhatIsAlreadyOnKafka() {
        UUID id = UUID.randomUUID();
        store.claim(id, "t").join();
        store.recordOutcome(id, DedupeStore.TICKET).join();

        assertThat(store.claim(id, "t").join()).isEqualTo(new DedupeStore.Claim(true, DedupeStore.TICKET));
        store.recordOutcome(id, DedupeStore.RAW).join();
        assertThat(store.claim(id, "t").join()).isEqualTo(new DedupeStore.Claim(false, DedupeStore.ALL));
    }

    @Test
    void concurrentClaimsOfOneEventInOneBatchHaveOneWinner() {
        UUID id = UUID.randomUUID();
        List<CompletableFuture<DedupeStore.Claim>> claims = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            claims.add(store.claim(id, "t"));
        }
        assertThat(claims.stream().map(CompletableFuture::join).filter(DedupeStore.Claim::claimed)).hasSize(1);
    }

    @Test
    void oneBatchMixingNewKnownAndReleasedEventsGivesEachItsOwnAnswer() {
        UUID published = UUID.randomUUID();
        UUID released = UUID.randomUUID();
        UUID leased = UUID.randomUUID();
        store.claim(published, "t").join();
        store.recordOutcome(published, DedupeStore.ALL).join();
        store.claim(released, "t").join();
        store.recordOutcome(released, DedupeStore.RAW).join();
        store.claim(leased, "t").join();

        List<UUID> fresh = new ArrayList<>();
        List<CompletableFuture<DedupeStore.Claim>> freshClaims = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            fresh.add(UUID.randomUUID());
        }
        // submitted back to back, so most land in the same batches as the known ones
        CompletableFuture<DedupeStore.Claim> again = store.claim(published, "t");
        fresh.forEach(id -> freshClaims.add(store.claim(id, "t")));
        CompletableFuture<DedupeStore.Claim> retry = store.claim(released, "t");
        CompletableFuture<DedupeStore.Claim> busy = store.claim(leased, "t");

        assertThat(again.join().duplicate()).isTrue();
        assertThat(freshClaims).allSatisfy(claim -> assertThat(claim.join()).isEqualTo(new DedupeStore.Claim(true, 0)));
        assertThat(retry.join()).isEqualTo(new DedupeStore.Claim(true, DedupeStore.RAW));
        assertThat(busy.join()).isEqualTo(new DedupeStore.Claim(false, 0));
    }

    @Test
    void onlyTheDeduplicationStoreAsksForAsynchronousCommits() throws SQLException {
        // the test database runs with synchronous_commit off for speed: what matters is who asked for it
        assertThat(synchronousCommit(dedupeDatabase)).isEqualTo("off client");
        assertThat(synchronousCommit(database)).doesNotEndWith("client");
    }

    /** The session's setting and where it came from ({@code client}: the connection's startup options). */
    private static String synchronousCommit(AgroalDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT setting || ' ' || source FROM pg_settings WHERE name = 'synchronous_commit'")) {
            row.next();
            return row.getString(1);
        }
    }
}
