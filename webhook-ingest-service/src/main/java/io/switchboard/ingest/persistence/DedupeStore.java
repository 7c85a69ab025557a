package io.switchboard.ingest.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The durable record of which vendor events were published, so a redelivery publishes nothing.
 *
 * <p>An event is first <em>claimed</em> (a row with a lease), then published, then its <em>outcome</em> is written:
 * the parts Kafka acknowledged. A claim with everything published makes later deliveries duplicates. A claim whose
 * publish failed, wholly or partly, is released at once, so the vendor's retry can claim it again and publish only
 * what is missing; nothing a vendor was told is accepted depends on a row alone. A claimer that died keeps its lease
 * until it expires ({@link IngestConfig.Dedupe#lease()}), after which a retry may claim it.
 *
 * <p>Writes go through the {@code dedupe} datasource, which commits asynchronously: a claim waits for PostgreSQL's
 * WAL writer, not for an fsync of its own (that wait was most of a webhook's latency, and its stalls were the p99).
 * What a vendor was told is accepted is durable on Kafka before the answer, whatever the row's fate; a database crash
 * can forget only the last few hundred milliseconds of rows (WAL is written in order, so never a later row without
 * the earlier ones), and a redelivery of such an event is published again with the same deterministic CloudEvent id,
 * which consumers drop. The row is a guard against duplicates, not the record of what was accepted.
 */
@ApplicationScoped
public class DedupeStore {

    public static final int TICKET = 1;
    public static final int RAW = 2;
    public static final int ALL = TICKET | RAW;

    /**
     * @param claimed        this caller now holds the event and must publish the parts not yet published
     * @param publishedParts what Kafka already acknowledged for the event, before this claim
     */
    public record Claim(boolean claimed, int publishedParts) {

        public boolean duplicate() {
            return !claimed && publishedParts == ALL;
        }
    }

    record ClaimRequest(UUID eventId, String tenant) {
    }

    record Outcome(UUID eventId, int parts) {
    }

    private static final Logger LOG = Logger.getLogger(DedupeStore.class);

    /** The common case: events never seen before, claimed by one insert; the others are left to {@link #RECLAIM}. */
    private static final String CLAIM_NEW = """
            INSERT INTO webhook_dedupe (event_id, tenant, received_at, lease_until, published_parts)
            SELECT event_id, tenant, now(), now() + make_interval(secs => ?), 0
            FROM unnest(?::uuid[], ?::text[]) AS t(event_id, tenant)
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id""";

    /** Inserts new events; re-claims an unpublished one whose lease ran out; reports the state before for the rest. */
    private static final String RECLAIM = """
            WITH lease AS (
                SELECT now() + make_interval(secs => ?) AS until
            ), input AS (
                SELECT * FROM unnest(?::uuid[], ?::text[]) AS t(event_id, tenant)
            ), claimed AS (
                INSERT INTO webhook_dedupe AS d (event_id, tenant, received_at, lease_until, published_parts)
                SELECT event_id, tenant, now(), lease.until, 0 FROM input, lease
                ON CONFLICT (event_id) DO UPDATE SET lease_until = EXCLUDED.lease_until
                    WHERE d.published_parts <> ? AND d.lease_until < now()
                RETURNING d.event_id, d.published_parts
            )
            SELECT i.event_id, c.event_id IS NOT NULL, COALESCE(c.published_parts, d.published_parts, 0)
            FROM input i
            LEFT JOIN claimed c ON c.event_id = i.event_id
            LEFT JOIN webhook_dedupe d ON d.event_id = i.event_id""";

    /** Adds the acknowledged parts; anything short of all of them releases the lease for the vendor's retry. */
    private static final String OUTCOME = """
            UPDATE webhook_dedupe AS d
            SET published_parts = d.published_parts | o.parts,
                lease_until = CASE WHEN (d.published_parts | o.parts) = ? THEN d.lease_until ELSE '-infinity' END
            FROM unnest(?::uuid[], ?::smallint[]) AS o(event_id, parts)
            WHERE d.event_id = o.event_id""";

    private static final String PURGE = """
            DELETE FROM webhook_dedupe WHERE event_id IN (
                SELECT event_id FROM webhook_dedupe WHERE received_at < now() - make_interval(secs => ?) LIMIT 10000)""";

    private static final int OUTCOME_ATTEMPTS = 5;

    private final AgroalDataSource dataSource;
    private final IngestConfig.Dedupe config;
    private List<BatchWriter<ClaimRequest, Claim>> claims;
    private BatchWriter<Outcome, Boolean> outcomes;
    private ScheduledExecutorService scheduler;

    public DedupeStore(@DataSource("dedupe") AgroalDataSource dataSource, IngestConfig config) {
        this.dataSource = dataSource;
        this.config = config.dedupe();
    }

    void start(@Observes StartupEvent event) {
        // several writers: one batch can be in flight while the next one forms (an event always goes to the same one)
        claims = new ArrayList<>();
        for (int i = 0; i < config.claimWriters(); i++) {
            claims.add(new BatchWriter<>("dedupe-claims-" + i, config.queueCapacity(), config.batchSize(), this::writeClaims));
        }
        outcomes = new BatchWriter<>("dedupe-outcomes", config.queueCapacity(), config.batchSize(), this::writeOutcomes);
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
        outcomes.close();
    }

    /** Claims an event for publishing; fails when the database cannot be reached or too many claims wait. */
    public CompletableFuture<Claim> claim(UUID eventId, String tenant) {
        return claims.get(Math.floorMod(eventId.hashCode(), claims.size())).submit(new ClaimRequest(eventId, tenant));
    }

    /**
     * Records the parts Kafka acknowledged for a claimed event (0 when nothing landed). Retried a few times, since a
     * lost outcome leaves the event leased until its lease expires; completes once written or given up.
     */
    public CompletableFuture<Void> recordOutcome(UUID eventId, int ackedParts) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        writeOutcome(new Outcome(eventId, ackedParts), 1, done);
        return done;
    }

    private void writeOutcome(Outcome outcome, int attempt, CompletableFuture<Void> done) {
        outcomes.submit(outcome).whenComplete((ok, error) -> {
            if (error == null) {
                done.complete(null);
            } else if (attempt >= OUTCOME_ATTEMPTS || scheduler.isShutdown()) {
                LOG.errorf("outcome of event %s not recorded after %d attempts: it stays leased until its lease ends (%s)",
                        outcome.eventId(), attempt, error.toString());
                done.complete(null);
            } else {
                scheduler.schedule(() -> writeOutcome(outcome, attempt + 1, done), 200L << attempt, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Removes events older than the retention; returns how many. */
    public int purge() throws SQLException {
        int total = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(PURGE)) {
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

    private List<Claim> writeClaims(List<ClaimRequest> batch) throws SQLException {
        // one event twice in a batch would make ON CONFLICT touch a row twice: send each once
        Map<UUID, String> unique = new LinkedHashMap<>();
        batch.forEach(r -> unique.putIfAbsent(r.eventId(), r.tenant()));
        Map<UUID, Claim> results = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(CLAIM_NEW)) {
                bindClaims(connection, insert, unique);
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        results.put(rows.getObject(1, UUID.class), new Claim(true, 0));
                    }
                }
            }
            if (results.size() < unique.size()) {
                Map<UUID, String> known = new LinkedHashMap<>(unique);
                known.keySet().removeAll(results.keySet());
                try (PreparedStatement reclaim = connection.prepareStatement(RECLAIM)) {
                    bindClaims(connection, reclaim, known);
                    reclaim.setInt(4, ALL);
                    try (ResultSet rows = reclaim.executeQuery()) {
                        while (rows.next()) {
                            results.put(rows.getObject(1, UUID.class), new Claim(rows.getBoolean(2), rows.getInt(3)));
                        }
                    }
                }
            }
        }
        List<Claim> claimsInOrder = new ArrayList<>(batch.size());
        Map<UUID, Boolean> handedOut = new HashMap<>();
        for (ClaimRequest request : batch) {
            Claim claim = results.get(request.eventId());
            // a second request for the same event in this batch did not win the claim
            claimsInOrder.add(handedOut.putIfAbsent(request.eventId(), true) == null ? claim
                    : new Claim(false, claim.publishedParts()));
        }
        return claimsInOrder;
    }

    /** Parameters 1–3 of both claim statements: the lease, the event ids, their tenants. */
    private void bindClaims(Connection connection, PreparedStatement statement, Map<UUID, String> events) throws SQLException {
        statement.setDouble(1, config.lease().toMillis() / 1000.0);
        statement.setArray(2, connection.createArrayOf("uuid", events.keySet().toArray(new UUID[0])));
        statement.setArray(3, connection.createArrayOf("text", events.values().toArray(new String[0])));
    }

    private List<Boolean> writeOutcomes(List<Outcome> batch) throws SQLException {
        Map<UUID, Integer> merged = new LinkedHashMap<>();
        batch.forEach(o -> merged.merge(o.eventId(), o.parts(), (a, b) -> a | b));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(OUTCOME)) {
            statement.setInt(1, ALL);
            statement.setArray(2, connection.createArrayOf("uuid", merged.keySet().toArray(new UUID[0])));
            statement.setArray(3, connection.createArrayOf("int2",
                    merged.values().stream().map(Integer::shortValue).toArray(Short[]::new)));
            statement.executeUpdate();
        }
        return batch.stream().map(o -> Boolean.TRUE).toList();
    }
}
