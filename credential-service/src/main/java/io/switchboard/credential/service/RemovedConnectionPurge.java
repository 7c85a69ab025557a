package io.switchboard.credential.service;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.credential.config.CredentialsConfig;
import io.switchboard.credential.persistence.ConnectionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The grace period of deleted connections and the job that ends it: a connection removed longer ago than
 * {@code switchboard.credentials.removed-grace} is deleted for good, with its webhook secret (the foreign key
 * cascades). Its audit rows stay: they name the connection by id only and are the record of who read its secrets.
 */
@ApplicationScoped
public class RemovedConnectionPurge {

    private static final Logger LOG = Logger.getLogger(RemovedConnectionPurge.class);
    /** Rows deleted per transaction, so the purge never holds many row locks at once. */
    private static final int BATCH_SIZE = 100;

    private final Duration grace;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public RemovedConnectionPurge(CredentialsConfig config) {
        if (config.removedGrace().isNegative()) {
            throw new IllegalArgumentException("switchboard.credentials.removed-grace must not be negative");
        }
        if (config.removedPurgeInterval().isNegative() || config.removedPurgeInterval().isZero()) {
            throw new IllegalArgumentException("switchboard.credentials.removed-purge-interval must be positive");
        }
        this.grace = config.removedGrace();
        this.interval = config.removedPurgeInterval();
    }

    void start(@Observes StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "removed-connection-purge");
            thread.setDaemon(true);
            return thread;
        });
        long every = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::purgeQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** Connections removed at or before this instant are past their grace period. */
    public Instant graceCutoff() {
        return Instant.now().minus(grace);
    }

    /** Deletes every connection past its grace period; returns how many. */
    public int purge() {
        Instant cutoff = graceCutoff();
        int total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> purgeBatch(cutoff));
            total += deleted;
        } while (deleted > 0);
        return total;
    }

    private static int purgeBatch(Instant cutoff) {
        List<UUID> ids = Panache.getEntityManager()
                .createQuery("select c.id from ConnectionEntity c where c.removedAt <= ?1", UUID.class)
                .setParameter(1, cutoff)
                .setMaxResults(BATCH_SIZE)
                .getResultList();
        // another instance may have purged some of them meanwhile: 0 then, and the next run picks up the rest
        return ids.isEmpty() ? 0 : (int) ConnectionEntity.delete("id in ?1", ids);
    }

    private void purgeQuietly() {
        try {
            int purged = purge();
            if (purged > 0) {
                LOG.infof("purged %d connections removed more than %s ago", purged, grace);
            }
        } catch (RuntimeException e) {
            LOG.warnf("purging removed connections failed, retried in %s: %s", interval, e.toString());
        }
    }
}
