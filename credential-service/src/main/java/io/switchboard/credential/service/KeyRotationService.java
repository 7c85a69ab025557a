package io.switchboard.credential.service;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.credential.config.CredentialsConfig;
import io.switchboard.credential.crypto.EnvelopeCipher;
import io.switchboard.credential.persistence.ConnectionEntity;
import io.switchboard.credential.persistence.SealedEntity;
import io.switchboard.credential.persistence.WebhookSecretEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;

/**
 * Re-wraps every record's data key (connections and webhook secrets) under the current key-encryption key, a small
 * batch per transaction, so the service keeps serving and no row stays locked for long. A row updated concurrently
 * was already sealed under the current key by that update; the batch that lost the optimistic-lock race is simply
 * retried. When no record remains under an older version, that version can be removed from the configuration.
 * Removed connections not yet purged are re-wrapped too (no filter on {@code removedAt}): they are still read during
 * their grace period.
 */
@ApplicationScoped
public class KeyRotationService {

    private static final Logger LOG = Logger.getLogger(KeyRotationService.class);
    private static final int MAX_CONFLICTS = 10;
    /** Every kind of row that holds a sealed secret. */
    private static final List<Class<? extends SealedEntity>> SEALED = List.of(ConnectionEntity.class, WebhookSecretEntity.class);

    public record Result(int currentVersion, int rewrapped, Map<Integer, Long> recordsByKeyVersion) {
    }

    private final EnvelopeCipher cipher;
    private final int batchSize;

    public KeyRotationService(EnvelopeCipher cipher, CredentialsConfig config) {
        this.cipher = cipher;
        this.batchSize = config.rotationBatchSize();
    }

    public Result rotate() {
        int current = cipher.keyRing().currentVersion();
        int rewrapped = 0;
        for (Class<? extends SealedEntity> kind : SEALED) {
            rewrapped += rotate(kind, current);
        }
        LOG.infof("key rotation to key-encryption key version %d re-wrapped %d records", current, rewrapped);
        return new Result(current, rewrapped, countsByVersion());
    }

    /** Records (connections and webhook secrets) per key-encryption key version. */
    public Map<Integer, Long> countsByVersion() {
        Map<Integer, Long> counts = new TreeMap<>();
        for (Class<? extends SealedEntity> kind : SEALED) {
            Panache.getEntityManager()
                    .createQuery("select e.kekVersion, count(e) from " + kind.getSimpleName() + " e group by e.kekVersion", Object[].class)
                    .getResultList()
                    .forEach(row -> counts.merge((Integer) row[0], (Long) row[1], Long::sum));
        }
        return counts;
    }

    private int rotate(Class<? extends SealedEntity> kind, int current) {
        int rewrapped = 0;
        int conflicts = 0;
        while (true) {
            int done;
            try {
                done = QuarkusTransaction.requiringNew().call(() -> rewrapBatch(kind, current));
            } catch (RuntimeException e) {
                if (!isConflict(e) || ++conflicts > MAX_CONFLICTS) {
                    throw e;
                }
                continue;
            }
            if (done == 0) {
                return rewrapped;
            }
            rewrapped += done;
        }
    }

    // surfaces at commit, wrapped by the transaction manager
    private static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }

    private int rewrapBatch(Class<? extends SealedEntity> kind, int current) {
        List<? extends SealedEntity> batch = Panache.getEntityManager()
                .createQuery("from " + kind.getSimpleName() + " e where e.kekVersion <> ?1", kind)
                .setParameter(1, current)
                .setMaxResults(batchSize)
                .getResultList();
        for (SealedEntity sealed : batch) {
            sealed.seal(cipher.rewrap(sealed.sealedSecret(), sealed.aad()));
        }
        return batch.size();
    }
}
