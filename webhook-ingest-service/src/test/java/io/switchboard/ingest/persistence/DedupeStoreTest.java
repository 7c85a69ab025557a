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
        DedupeStore.Claim first = store.claim(id, "t").join();
        assertThat(state(first)).isEqualTo(CLAIMED_NOTHING_PUBLISHED);
        // while the first claimer publishes, another delivery neither publishes nor is told it is done
        DedupeStore.Claim meanwhile = store.claim(id, "t").join();
        assertThat(meanwhile.claimed()).isFalse();
        assertThat(meanwhile.duplicate()).isFalse();

        store.recordOutcome(id, first, DedupeStore.ALL).join();
        assertThat(store.claim(id, "t").join().duplicate()).isTrue();
    }

    @Test
    void aFailedPublishIsReleasedForTheRetry() {
        UUID id = UUID.randomUUID();
        store.recordOutcome(id, store.claim(id, "t").join(), 0).join();

        assertThat(state(store.claim(id, "t").join())).isEqualTo(CLAIMED_NOTHING_PUBLISHED);
    }

    @Test
    void aPartlyPublishedEventIsReclaimedWithWhatIsAlreadyOnKafka() {
        UUID id = UUID.randomUUID();
        store.recordOutcome(id, store.claim(id, "t").join(), DedupeStore.TICKET).join();

        DedupeStore.Claim retry = store.claim(id, "t").join();
        assertThat(state(retry)).isEqualTo(List.of(true, DedupeStore.TICKET));
        store.recordOutcome(id, retry, DedupeStore.RAW).join();
        assertThat(state(store.claim(id, "t").join())).isEqualTo(List.of(false, DedupeStore.ALL));
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
    void aClaimBatchIsSettledOnceEachEventHasItsOutcomeAndNeverCoversAFailedOne() throws SQLException {
        UUID published = UUID.randomUUID();
        UUID failed = UUID.randomUUID();
        UUID slow = UUID.randomUUID();
        List<DedupeStore.Claim> batch = store.writeClaims(List.of(new DedupeStore.ClaimRequest(published, "t"),
                new DedupeStore.ClaimRequest(failed, "t"), new DedupeStore.ClaimRequest(slow, "t")));
        assertThat(batch).extracting(DedupeStore.Claim::batch).containsOnly(batch.get(0).batch()).doesNotContainNull();

        CompletableFuture<Void> publishedDone = store.recordOutcome(published, batch.get(0), DedupeStore.ALL);
        store.recordOutcome(failed, batch.get(1), DedupeStore.TICKET).join();
        // the batch waits for its last event: the published one is not yet known to the database as published
        assertThat(publishedDone).isNotDone();
        assertThat(state(store.claim(published, "t").join())).isEqualTo(LEASED_NOTHING_KNOWN);

        store.recordOutcome(slow, batch.get(2), DedupeStore.ALL).join();
        publishedDone.join();
        assertThat(store.claim(published, "t").join().duplicate()).isTrue();
        assertThat(store.claim(slow, "t").join().duplicate()).isTrue();
        // the failed one left the batch before it was settled: its retry publishes what is missing
        assertThat(state(store.claim(failed, "t").join())).isEqualTo(List.of(true, DedupeStore.TICKET));
        assertThat(unsettledBatchOf(slow)).isZero();
    }

    @Test
    void oneBatchMixingNewKnownAndReleasedEventsGivesEachItsOwnAnswer() {
        UUID published = UUID.randomUUID();
        UUID released = UUID.randomUUID();
        UUID leased = UUID.randomUUID();
        store.recordOutcome(published, store.claim(published, "t").join(), DedupeStore.ALL).join();
        store.recordOutcome(released, store.claim(released, "t").join(), DedupeStore.RAW).join();
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
        assertThat(freshClaims).allSatisfy(claim -> assertThat(state(claim.join())).isEqualTo(CLAIMED_NOTHING_PUBLISHED));
        assertThat(state(retry.join())).isEqualTo(List.of(true, DedupeStore.RAW));
        assertThat(state(busy.join())).isEqualTo(LEASED_NOTHING_KNOWN);
    }

    @Test
    void thePurgeRemovesEventsAndClaimBatchesOlderThanTheRetentionOnly() throws SQLException {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        DedupeStore.Claim claim = store.claim(recent, "t").join();
        store.recordOutcome(recent, claim, DedupeStore.ALL).join();
        try (Connection connection = dedupeDatabase.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO webhook_dedupe_batch (created_at, settled_at) VALUES (now() - interval '8 days', now() - interval '8 days')");
            statement.executeUpdate("INSERT INTO webhook_dedupe (event_id, tenant, received_at, lease_until, published_parts,"
                    + " claim_batch) SELECT '" + old + "', 't', now() - interval '8 days', now() - interval '8 days', 0, max(batch_id)"
                    + " FROM webhook_dedupe_batch WHERE created_at < now() - interval '7 days'");
        }

        assertThat(store.purge()).isGreaterThanOrEqualTo(1);

        assertThat(count("SELECT count(*) FROM webhook_dedupe WHERE event_id = '" + old + "'")).isZero();
        assertThat(count("SELECT count(*) FROM webhook_dedupe_batch WHERE created_at < now() - interval '7 days'")).isZero();
        // the recent event is still known as published
        assertThat(store.claim(recent, "t").join().duplicate()).isTrue();
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

    private static final List<Object> CLAIMED_NOTHING_PUBLISHED = List.of(true, 0);
    private static final List<Object> LEASED_NOTHING_KNOWN = List.of(false, 0);

    /** What a claim tells its caller: whether it won, and what was already on Kafka. */
    private static List<Object> state(DedupeStore.Claim claim) {
        return List.of(claim.claimed(), claim.publishedParts());
    }

    /** How many unsettled claim batches the event's row points at (0 or 1). */
    private int unsettledBatchOf(UUID eventId) throws SQLException {
        return count("SELECT count(*) FROM webhook_dedupe d JOIN webhook_dedupe_batch b ON b.batch_id = d.claim_batch"
                + " WHERE b.settled_at IS NULL AND d.event_id = '" + eventId + "'");
    }

    private int count(String sql) throws SQLException {
        try (Connection connection = dedupeDatabase.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getInt(1);
        }
    }
}
