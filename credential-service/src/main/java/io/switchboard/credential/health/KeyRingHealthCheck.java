package io.switchboard.credential.health;

import io.switchboard.credential.crypto.EnvelopeCipher;
import io.switchboard.credential.crypto.KeyRing;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only with a usable key ring: encrypts and decrypts a probe under the current key. */
@Readiness
@ApplicationScoped
public class KeyRingHealthCheck implements HealthCheck {

    private static final byte[] PROBE = "probe".getBytes(StandardCharsets.UTF_8);

    private final EnvelopeCipher cipher;

    public KeyRingHealthCheck(EnvelopeCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public HealthCheckResponse call() {
        KeyRing ring = cipher.keyRing();
        boolean works = Arrays.equals(PROBE, cipher.open(cipher.seal(PROBE, PROBE), PROBE));
        return HealthCheckResponse.named("key-encryption-key")
                .status(works)
                .withData("currentVersion", ring.currentVersion())
                .withData("configuredVersions", ring.versions().toString())
                .build();
    }
}
