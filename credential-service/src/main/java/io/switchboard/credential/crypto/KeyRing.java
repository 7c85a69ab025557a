package io.switchboard.credential.crypto;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** The key-encryption keys (AES-256) by version, and which version wraps new data keys. */
public final class KeyRing {

    private final Map<Integer, SecretKey> keys;
    private final int currentVersion;

    public KeyRing(Map<Integer, byte[]> keys, int currentVersion) {
        Map<Integer, SecretKey> copy = new HashMap<>();
        keys.forEach((version, bytes) -> {
            if (bytes.length != 32) {
                throw new IllegalArgumentException("key-encryption key version " + version + " must be 32 bytes, is " + bytes.length);
            }
            copy.put(version, new SecretKeySpec(bytes, "AES"));
        });
        if (!copy.containsKey(currentVersion)) {
            throw new IllegalArgumentException("the current key-encryption key version " + currentVersion
                    + " is not among the configured versions " + copy.keySet());
        }
        this.keys = Map.copyOf(copy);
        this.currentVersion = currentVersion;
    }

    /** From configuration: versions as strings, keys in base64. */
    public static KeyRing fromBase64(Map<String, String> keys, int currentVersion) {
        Map<Integer, byte[]> decoded = new HashMap<>();
        keys.forEach((version, base64) -> {
            try {
                decoded.put(Integer.parseInt(version.trim()), Base64.getDecoder().decode(base64.trim()));
            } catch (IllegalArgumentException e) {
                // the message must not quote the value: it is key material
                throw new IllegalArgumentException("key-encryption key version '" + version + "' is not a number with a base64 key");
            }
        });
        return new KeyRing(decoded, currentVersion);
    }

    public int currentVersion() {
        return currentVersion;
    }

    public Set<Integer> versions() {
        return keys.keySet();
    }

    SecretKey current() {
        return keys.get(currentVersion);
    }

    SecretKey version(int version) {
        SecretKey key = keys.get(version);
        if (key == null) {
            throw new CryptoException("key-encryption key version " + version + " is not configured (retired before "
                    + "every record was re-wrapped?)");
        }
        return key;
    }
}
