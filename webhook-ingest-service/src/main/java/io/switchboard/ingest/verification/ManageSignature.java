package io.switchboard.ingest.verification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * ConnectWise Manage's {@code x-content-signature}: base64(HMAC-SHA256(key = SHA-256(signing key), body)), where
 * the signing key is served at the delivery's {@code Metadata.key_url}. Verified on the raw bytes received.
 */
public final class ManageSignature {

    public static final String HEADER = "x-content-signature";

    private ManageSignature() {
    }

    public static boolean verify(byte[] body, String header, String signingKey) {
        if (header == null || signingKey == null) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(body, signingKey), given);
    }

    public static String header(byte[] body, String signingKey) {
        return Base64.getEncoder().encodeToString(sign(body, signingKey));
    }

    private static byte[] sign(byte[] body, String signingKey) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256").digest(signingKey.getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 and HmacSHA256 are part of every JDK", e);
        }
    }
}
