package io.switchboard.ingest.verification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Autotask's {@code X-Hook-Signature: sha1=<base64 HMAC-SHA1(secretKey, body)>}. Always over the raw bytes received:
 * Autotask escapes characters (\\uXXXX) in ways a re-serialization would not reproduce.
 */
public final class AutotaskSignature {

    public static final String HEADER = "X-Hook-Signature";
    private static final String PREFIX = "sha1=";

    private AutotaskSignature() {
    }

    public static boolean verify(byte[] body, String header, String secretKey) {
        if (header == null || secretKey == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(body, secretKey), given);
    }

    /** The header value Autotask would send for {@code body}. */
    public static String header(byte[] body, String secretKey) {
        return PREFIX + Base64.getEncoder().encodeToString(sign(body, secretKey));
    }

    private static byte[] sign(byte[] body, String secretKey) {
        return Digests.hmacSha1(secretKey.getBytes(StandardCharsets.UTF_8), body);
    }
}
