package io.switchboard.credential.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.credential.config.CredentialsConfig;
import io.switchboard.credential.crypto.EnvelopeCipher;
import io.switchboard.credential.persistence.ConnectionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;

/**
 * Re-wraps every record's data key under the current key-encryption key, a small batch per transaction, so the
 * service keeps serving and no row stays locked for long. A row updated concurrently was already sealed under the
 * current key by that update; the batch that lost the optimistic-lock race is simply retried. When no record
 * remains under an older version, that version can be removed from the configuration.
 */
@ApplicationScoped
public class KeyRotationService {

    private static final Logger LOG = Logger.getLogger(KeyRotationService.class);
    private static final int MAX_CONFLICTS = 10;

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
        int conflicts = 0;
        while (true) {
            int done;
            try {
                done = QuarkusTransaction.requiringNew().call(() -> rewrapBatch(current));
            } catch (RuntimeException e) {
                if (!isConflict(e) || ++conflicts > MAX_CONFLICTS) {
                    throw e;
                }
                continue;
            }
            if (done == 0) {
                break;
            }
            rewrapped += done;
        }
        LOG.infof("key rotation to key-encryption key version %d re-wrapped %d records", current, rewrapped);
        return new Result(current, rewrapped, countsByVersion());
    }

    public Map<Integer, Long> countsByVersion() {
        Map<Integer, Long> counts = new TreeMap<>();
        ConnectionEntity.getEntityManager()
                .createQuery("select c.kekVersion, count(c) from ConnectionEntity c group by c.kekVersion", Object[].class)
                .getResultList()
                .forEach(row -> counts.put((Integer) row[0], (Long) row[1]));
        return counts;
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

    private int rewrapBatch(int current) {
        List<ConnectionEntity> batch = ConnectionEntity.find("kekVersion <> ?1 order by id", current).page(0, batchSize).list();
        for (ConnectionEntity connection : batch) {
            connection.seal(cipher.rewrap(connection.sealedSecret(), ConnectionService.aad(connection.tenant, connection.id)));
        }
        return batch.size();
    }
}
