package io.switchboard.ingest.verification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

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
        return Digests.hmacSha256(Digests.sha256(signingKey.getBytes(StandardCharsets.UTF_8)), body);
    }
}
