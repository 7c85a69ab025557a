package io.switchboard.ingest.persistence;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.contracts.Vendor;
import io.switchboard.ingest.config.IngestConfig;
import io.switchboard.ingest.service.EndpointTokens;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Token hash → endpoint, kept in memory so the hot path never waits for the database: loaded at start, reloaded
 * periodically (tokens created or revoked by another instance) and updated at once by this instance's registrar.
 * A token not in memory is looked up once in the database, and remembered as unknown for a short while.
 */
@Singleton
public class EndpointDirectory {

    private static final Logger LOG = Logger.getLogger(EndpointDirectory.class);
    private static final String SELECT = """
            SELECT e.token_hash, e.tenant, e.connection_id, e.vendor, c.settings ->> 'siteUrl'
            FROM webhook_endpoint e JOIN connection c ON c.id = e.connection_id
            WHERE NOT c.removed""";
    private static final int MAX_UNKNOWN = 10_000;

    private final AgroalDataSource dataSource;
    private final IngestConfig.Endpoints config;
    private final Map<String, Endpoint> known = new ConcurrentHashMap<>();
    private final Map<String, Long> unknownUntil = new ConcurrentHashMap<>();
    private ThreadPoolExecutor lookups;
    private ScheduledExecutorService refresher;

    public EndpointDirectory(AgroalDataSource dataSource, IngestConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.config = config.endpoints();
        registry.gaugeMapSize("ingest.endpoints", List.of(), known);
    }

    void start(@Observes StartupEvent event) {
        // bounded: a flood of random tokens cannot queue unbounded database work
        lookups = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1_000), r -> {
            Thread t = new Thread(r, "endpoint-lookup");
            t.setDaemon(true);
            return t;
        });
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "endpoint-refresh");
            t.setDaemon(true);
            return t;
        });
        long every = config.refreshInterval().toMillis();
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        refresher.shutdownNow();
        lookups.shutdownNow();
    }

    /**
     * The endpoint of a path token; empty for an unknown one. Completes at once when the answer is in memory; fails
     * when the database had to be asked and could not answer.
     */
    public CompletableFuture<Optional<Endpoint>> resolve(String token) {
        if (!EndpointTokens.wellFormed(token)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        String key = EndpointTokens.hashHex(token);
        Endpoint endpoint = known.get(key);
        if (endpoint != null) {
            return CompletableFuture.completedFuture(Optional.of(endpoint));
        }
        Long until = unknownUntil.get(key);
        if (until != null && until - System.nanoTime() > 0) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        try {
            return CompletableFuture.supplyAsync(() -> lookup(key), lookups);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Called by the registrar after it stored a new token, so its first delivery is found without a lookup. */
    public void put(byte[] tokenHash, Endpoint endpoint) {
        String key = HexFormat.of().formatHex(tokenHash);
        known.put(key, endpoint);
        unknownUntil.remove(key);
    }

    public void remove(byte[] tokenHash) {
        known.remove(HexFormat.of().formatHex(tokenHash));
    }

    public void removeConnection(String connectionId) {
        known.values().removeIf(e -> e.connectionId().equals(connectionId));
    }

    /** Reloads every live endpoint from the database. */
    public void refresh() throws SQLException {
        Map<String, Endpoint> fresh = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(SELECT);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                fresh.put(HexFormat.of().formatHex(rows.getBytes(1)), endpoint(rows));
            }
        }
        known.keySet().retainAll(fresh.keySet());
        known.putAll(fresh);
        unknownUntil.keySet().removeAll(fresh.keySet());
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("reloading webhook endpoints failed, keeping %d in memory: %s", known.size(), e.toString());
        }
    }

    private Optional<Endpoint> lookup(String key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(SELECT + " AND e.token_hash = ?")) {
            statement.setBytes(1, HexFormat.of().parseHex(key));
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next()) {
                    Endpoint endpoint = endpoint(rows);
                    known.put(key, endpoint);
                    return Optional.of(endpoint);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("endpoint lookup failed: " + e.getMessage(), e);
        }
        if (unknownUntil.size() >= MAX_UNKNOWN) {
            unknownUntil.clear();
        }
        unknownUntil.put(key, System.nanoTime() + config.negativeTtl().toNanos());
        return Optional.empty();
    }

    private static Endpoint endpoint(ResultSet rows) throws SQLException {
        Vendor vendor = Vendor.fromWireName(rows.getString(4));
        return new Endpoint(rows.getString(2), rows.getString(3), vendor,
                vendor == Vendor.CONNECTWISE_MANAGE ? rows.getString(5) : null);
    }
}
