package io.switchboard.ingest.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.ingest.config.IngestConfig;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The durable record of which vendor events were published, so a redelivery publishes nothing.
 *
 * <p>An event is first <em>claimed</em> (a row with a lease), then published, then its <em>outcome</em> is written.
 * The events one claim statement took form a claim batch: once all of them are on Kafka, one row update settles the
 * batch, and a settled batch makes later deliveries of its events duplicates (one update per event cost as much as
 * the claim itself: a new row version and index entry each). An event whose publish failed, wholly or partly, is
 * released at once with the parts that did land and leaves its batch before the batch is settled, so the vendor's
 * retry can claim it again and publish only what is missing; nothing a vendor was told is accepted depends on a row
 * alone. A claimer that died keeps its lease until it expires ({@link IngestConfig.Dedupe#lease()}), after which a
 * retry may claim it.
 *
 * <p>Writes go through the {@code dedupe} datasource, which commits asynchronously: a claim waits for PostgreSQL's
 * WAL writer, not for an fsync of its own (that wait was most of a webhook's latency, and its stalls were the p99).
 * What a vendor was told is accepted is durable on Kafka before the answer, whatever the row's fate; a database crash
 * can forget only the last few hundred milliseconds of rows (WAL is written in order, so never a later row without
 * the earlier ones), and a redelivery of such an event is published again with the same deterministic CloudEvent id,
 * which consumers drop. The row is a guard against duplicates, not the record of what was accepted.
 */
@Singleton
public class DedupeStore {

    public static final int TICKET = 1;
    public static final int RAW = 2;
    public static final int ALL = TICKET | RAW;

    /**
     * @param claimed        this caller now holds the event and must publish the parts not yet published
     * @param publishedParts what Kafka already acknowledged for the event, before this claim
     * @param batch          the claim batch the event joined; null when not claimed
     */
    public record Claim(boolean claimed, int publishedParts, ClaimBatch batch) {

        static Claim notClaimed(int publishedParts) {
            return new Claim(false, publishedParts, null);
        }

        public boolean duplicate() {
            return !claimed && publishedParts == ALL;
        }
    }

    /** The events claimed by one statement; settled once each has its outcome, unless a release was not written. */
    public static final class ClaimBatch {
        final long id;
        private final AtomicInteger open;
        private volatile boolean releaseLost;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        ClaimBatch(long id, int members) {
            this.id = id;
            this.open = new AtomicInteger(members);
        }
    }

    record ClaimRequest(UUID eventId, String tenant) {
    }

    record Release(UUID eventId, int parts) {
    }

    private static final Logger LOG = Logger.getLogger(DedupeStore.class);

    /** The common case, events never seen before: one insert, into a new claim batch; the rest go to {@link #RECLAIM}. */
    private static final String CLAIM_NEW = """
            WITH batch AS (
                INSERT INTO webhook_dedupe_batch DEFAULT VALUES RETURNING batch_id
            ), claimed AS (
                INSERT INTO webhook_dedupe (event_id, tenant, received_at, lease_until, published_parts, claim_batch)
                SELECT t.event_id, t.tenant, now(), now() + make_interval(secs => ?), 0, batch.batch_id
                FROM unnest(?::uuid[], ?::text[]) AS t(event_id, tenant), batch
                ON CONFLICT (event_id) DO NOTHING
                RETURNING event_id
            )
            SELECT batch.batch_id, claimed.event_id FROM batch LEFT JOIN claimed ON true""";

    /**
     * Known events: re-claims, into the given batch, one that is not fully published and whose lease ran out;
     * reports the published parts before the statement for all of them.
     */
    private static final String RECLAIM = """
            WITH input AS (
                SELECT * FROM unnest(?::uuid[]) AS t(event_id)
            ), reclaimed AS (
                UPDATE webhook_dedupe AS d
                SET lease_until = now() + make_interval(secs => ?), claim_batch = ?
                FROM input i
                WHERE d.event_id = i.event_id AND d.lease_until < now() AND d.published_parts <> ?
                  AND NOT EXISTS (SELECT 1 FROM webhook_dedupe_batch b
                                  WHERE b.batch_id = d.claim_batch AND b.settled_at IS NOT NULL)
                RETURNING d.event_id, d.published_parts
            )
            SELECT i.event_id, r.event_id IS NOT NULL,
                   COALESCE(r.published_parts, CASE WHEN b.settled_at IS NOT NULL THEN ? ELSE d.published_parts END, 0)
            FROM input i
            LEFT JOIN reclaimed r ON r.event_id = i.event_id
            LEFT JOIN webhook_dedupe d ON d.event_id = i.event_id
            LEFT JOIN webhook_dedupe_batch b ON b.batch_id = d.claim_batch""";

    /** A failed publish: adds the parts that did land, releases the lease and leaves the claim batch. */
    private static final String RELEASE = """
            UPDATE webhook_dedupe AS d
            SET published_parts = d.published_parts | r.parts, lease_until = '-infinity', claim_batch = NULL
            FROM unnest(?::uuid[], ?::smallint[]) AS r(event_id, parts)
            WHERE d.event_id = r.event_id""";

    private static final String SETTLE = "UPDATE webhook_dedupe_batch SET settled_at = now() WHERE batch_id = ANY (?)";

    /** Batches go after their events: a batch is never older than an event it covers (a re-claim gets a new one). */
    private static final String PURGE_EVENTS = """
            DELETE FROM webhook_dedupe WHERE event_id IN (
                SELECT event_id FROM webhook_dedupe WHERE received_at < now() - make_interval(secs => ?) LIMIT 10000)""";
    private static final String PURGE_BATCHES = """
            DELETE FROM webhook_dedupe_batch WHERE batch_id IN (
                SELECT batch_id FROM webhook_dedupe_batch WHERE created_at < now() - make_interval(secs => ?) LIMIT 10000)""";

    private static final int WRITE_ATTEMPTS = 5;
    /**
     * A claim writer waits out the statement interval only while its statement's claims and those that arrived while
     * it ran add up to this many. Batching pays under load; at 1,000 webhooks/s the interval was half of a webhook's
     * time in the service (1.6 of 2.9 ms) and gathered two claims per statement. Under full load a statement carries
     * dozens, even when the closed loop of a load test lets nothing arrive while it runs.
     */
    private static final int CLAIMS_BUSY_THRESHOLD = 4;

    private final AgroalDataSource dataSource;
    private final IngestConfig.Dedupe config;
    private List<BatchWriter<ClaimRequest, Claim>> claims;
    private BatchWriter<Release, Boolean> releases;
    private BatchWriter<Long, Boolean> settlements;
    private ScheduledExecutorService scheduler;

    public DedupeStore(@DataSource("dedupe") AgroalDataSource dataSource, IngestConfig config) {
        this.dataSource = dataSource;
        this.config = config.dedupe();
    }

    void start(@Observes StartupEvent event) {
        // with several writers, an event always goes to the same one
        claims = new ArrayList<>();
        for (int i = 0; i < config.claimWriters(); i++) {
            claims.add(new BatchWriter<>("dedupe-claims-" + i, config.queueCapacity(), config.batchSize(),
                    config.statementInterval(), CLAIMS_BUSY_THRESHOLD, this::writeClaims));
        }
        releases = new BatchWriter<>("dedupe-releases", config.queueCapacity(), config.batchSize(), Duration.ZERO, 0,
                this::writeReleases);
        settlements = new BatchWriter<>("dedupe-settlements", config.queueCapacity(), config.batchSize(),
                config.settlementInterval(), 0, this::writeSettlements);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dedupe-maintenance");
            t.setDaemon(true);
            return t;
        });
        long purgeEvery = config.purgeInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::purgeQuietly, purgeEvery, purgeEvery, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        scheduler.shutdownNow();
        claims.forEach(BatchWriter::close);
        releases.close();
        settlements.close();
    }

    /** Claims an event for publishing; fails when the database cannot be reached or too many claims wait. */
    public CompletableFuture<Claim> claim(UUID eventId, String tenant) {
        return claims.get(Math.floorMod(eventId.hashCode(), claims.size())).submit(new ClaimRequest(eventId, tenant));
    }

    /**
     * Records what Kafka acknowledged for a claimed event (0 when nothing landed): a failure releases the event at
     * once; a success waits for the rest of its claim batch, which is then settled. Writes are retried a few times,
     * since a lost one leaves events leased until their lease ends; completes once written or given up.
     */
    public CompletableFuture<Void> recordOutcome(UUID eventId, Claim claim, int ackedParts) {
        if (!claim.claimed()) {
            throw new IllegalArgumentException("event " + eventId + " was not claimed by this caller");
        }
        ClaimBatch batch = claim.batch();
        if ((claim.publishedParts() | ackedParts) == ALL) {
            memberDone(batch);
            return batch.done;
        }
        CompletableFuture<Boolean> released = new CompletableFuture<>();
        writeWithRetries(releases, new Release(eventId, ackedParts), "release of event " + eventId, 1, released);
        return released.thenAccept(written -> {
            if (!written) {
                // settling the batch now would mark this event published: its batch stays unsettled instead
                batch.releaseLost = true;
            }
            memberDone(batch);
        });
    }

    private void memberDone(ClaimBatch batch) {
        if (batch.open.decrementAndGet() > 0) {
            return;
        }
        if (batch.releaseLost) {
            LOG.errorf("claim batch %d is left unsettled: a failed event's release was not recorded; its events are "
                    + "published again on a redelivery after their lease", batch.id);
            batch.done.complete(null);
            return;
        }
        CompletableFuture<Boolean> settled = new CompletableFuture<>();
        writeWithRetries(settlements, batch.id, "settlement of claim batch " + batch.id, 1, settled);
        settled.whenComplete((written, error) -> batch.done.complete(null));
    }

    /** Completes {@code done} with whether the item was written, after at most {@link #WRITE_ATTEMPTS} attempts. */
    private <T> void writeWithRetries(BatchWriter<T, Boolean> writer, T item, String what, int attempt,
                                      CompletableFuture<Boolean> done) {
        writer.submit(item).whenComplete((ok, error) -> {
            if (error == null) {
                done.complete(true);
            } else if (attempt >= WRITE_ATTEMPTS || scheduler.isShutdown()) {
                LOG.errorf("%s not recorded after %d attempts: its events stay leased until their lease ends (%s)",
                        what, attempt, error.toString());
                done.complete(false);
            } else {
                scheduler.schedule(() -> writeWithRetries(writer, item, what, attempt + 1, done), 200L << attempt,
                        TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Removes events (and claim batches) older than the retention; returns how many events. */
    public int purge() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            int events = deleteInChunks(connection, PURGE_EVENTS);
            deleteInChunks(connection, PURGE_BATCHES);
            return events;
        }
    }

    private int deleteInChunks(Connection connection, String sql) throws SQLException {
        int total = 0;
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setDouble(1, config.retention().toSeconds());
            int removed;
            do {
                removed = delete.executeUpdate();
                total += removed;
            } while (removed > 0);
        }
        return total;
    }

    private void purgeQuietly() {
        try {
            int removed = purge();
            if (removed > 0) {
                LOG.infof("purged %d deduplication records older than %s", removed, config.retention());
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("purging deduplication records failed: %s", e.toString());
        }
    }

    /** One claim statement (package-private: tests use it to put events into one batch on purpose). */
    List<Claim> writeClaims(List<ClaimRequest> batch) throws SQLException {
        // one event twice in a batch would make ON CONFLICT touch a row twice: send each once
        Map<UUID, String> unique = new LinkedHashMap<>();
        batch.forEach(r -> unique.putIfAbsent(r.eventId(), r.tenant()));
        Set<UUID> claimedNew = new HashSet<>();
        Map<UUID, Claim> known = new HashMap<>();
        long batchId;
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(CLAIM_NEW)) {
                insert.setDouble(1, leaseSeconds());
                insert.setArray(2, connection.createArrayOf("uuid", unique.keySet().toArray(new UUID[0])));
                insert.setArray(3, connection.createArrayOf("text", unique.values().toArray(new String[0])));
                try (ResultSet rows = insert.executeQuery()) {
                    rows.next();
                    batchId = rows.getLong(1);
                    do {
                        UUID claimed = rows.getObject(2, UUID.class);
                        if (claimed != null) {
                            claimedNew.add(claimed);
                        }
                    } while (rows.next());
                }
            }
            if (claimedNew.size() < unique.size()) {
                List<UUID> seen = new ArrayList<>(unique.keySet());
                seen.removeAll(claimedNew);
                try (PreparedStatement reclaim = connection.prepareStatement(RECLAIM)) {
                    reclaim.setArray(1, connection.createArrayOf("uuid", seen.toArray(new UUID[0])));
                    reclaim.setDouble(2, leaseSeconds());
                    reclaim.setLong(3, batchId);
                    reclaim.setInt(4, ALL);
                    reclaim.setInt(5, ALL);
                    try (ResultSet rows = reclaim.executeQuery()) {
                        while (rows.next()) {
                            known.put(rows.getObject(1, UUID.class), new Claim(rows.getBoolean(2), rows.getInt(3), null));
                        }
                    }
                }
            }
        }
        int members = claimedNew.size() + (int) known.values().stream().filter(Claim::claimed).count();
        ClaimBatch claimBatch = new ClaimBatch(batchId, members);
        List<Claim> claimsInOrder = new ArrayList<>(batch.size());
        Set<UUID> handedOut = new HashSet<>();
        for (ClaimRequest request : batch) {
            UUID id = request.eventId();
            Claim claim = claimedNew.contains(id) ? new Claim(true, 0, claimBatch)
                    : known.get(id).claimed() ? new Claim(true, known.get(id).publishedParts(), claimBatch)
                    : known.get(id);
            // a second request for the same event in this batch did not win the claim
            claimsInOrder.add(handedOut.add(id) ? claim : Claim.notClaimed(claim.publishedParts()));
        }
        return claimsInOrder;
    }

    private double leaseSeconds() {
        return config.lease().toMillis() / 1000.0;
    }

    private List<Boolean> writeReleases(List<Release> batch) throws SQLException {
        Map<UUID, Integer> merged = new LinkedHashMap<>();
        batch.forEach(r -> merged.merge(r.eventId(), r.parts(), (a, b) -> a | b));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(RELEASE)) {
            statement.setArray(1, connection.createArrayOf("uuid", merged.keySet().toArray(new UUID[0])));
            statement.setArray(2, connection.createArrayOf("int2",
                    merged.values().stream().map(Integer::shortValue).toArray(Short[]::new)));
            statement.executeUpdate();
        }
        return batch.stream().map(r -> Boolean.TRUE).toList();
    }

    private List<Boolean> writeSettlements(List<Long> batchIds) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(SETTLE)) {
            statement.setArray(1, connection.createArrayOf("int8", batchIds.toArray(new Long[0])));
            statement.executeUpdate();
        }
        return batchIds.stream().map(id -> Boolean.TRUE).toList();
    }
}
