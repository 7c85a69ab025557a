package io.switchboard.ingest.verification;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 and HMACs with one instance per thread and algorithm: {@code getInstance} looks the provider up and checks
 * it on every call, which was a measurable share of a webhook's CPU (every webhook needs two or three of these).
 */
public final class Digests {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> digest("SHA-256"));
    private static final ThreadLocal<Mac> HMAC_SHA1 = ThreadLocal.withInitial(() -> mac("HmacSHA1"));
    private static final ThreadLocal<Mac> HMAC_SHA256 = ThreadLocal.withInitial(() -> mac("HmacSHA256"));

    private Digests() {
    }

    public static byte[] sha256(byte[] input) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return digest.digest(input);
    }

    public static byte[] hmacSha1(byte[] key, byte[] body) {
        return hmac(HMAC_SHA1.get(), key, body);
    }

    public static byte[] hmacSha256(byte[] key, byte[] body) {
        return hmac(HMAC_SHA256.get(), key, body);
    }

    private static byte[] hmac(Mac mac, byte[] key, byte[] body) {
        try {
            // init resets whatever a failed earlier use of this thread's instance left behind
            mac.init(new SecretKeySpec(key, mac.getAlgorithm()));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(mac.getAlgorithm() + " rejected its key", e);
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    private static Mac mac(String algorithm) {
        try {
            return Mac.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
