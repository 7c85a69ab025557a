package io.switchboard.ingest.service;

import io.switchboard.ingest.verification.Digests;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The unguessable path tokens of webhook URLs: 256 random bits, base64url. Only their SHA-256 is stored, so the
 * database alone does not let anyone post as a vendor.
 */
public final class EndpointTokens {

    public static final int LENGTH = 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    private EndpointTokens() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A random secret of {@code bytes} bytes, base64url: for the Autotask webhook secret (at most 64 characters). */
    public static String secret(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Cheap shape check before any lookup: a token is exactly 43 base64url characters. */
    public static boolean wellFormed(String token) {
        if (token == null || token.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = token.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    public static byte[] hash(String token) {
        return Digests.sha256(token.getBytes(StandardCharsets.US_ASCII));
    }

    public static String hashHex(String token) {
        return HexFormat.of().formatHex(hash(token));
    }

    /** The token of a webhook URL we registered ({@code <base>/webhooks/<vendor>/<token>[/...]}), if it is one of ours. */
    public static Optional<String> fromUrl(String url, String prefix) {
        if (url == null || !url.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = URI.create(url).getRawPath();
        String prefixPath = URI.create(prefix).getRawPath();
        if (rest == null || !rest.startsWith(prefixPath)) {
            return Optional.empty();
        }
        String tail = rest.substring(prefixPath.length());
        int slash = tail.indexOf('/');
        String token = slash < 0 ? tail : tail.substring(0, slash);
        return wellFormed(token) ? Optional.of(token) : Optional.empty();
    }
}
