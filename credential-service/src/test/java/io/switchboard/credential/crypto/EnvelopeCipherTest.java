package io.switchboard.credential.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopeCipherTest {

    private static final byte[] SECRET = "{\"privateKey\":\"s3cr3t-value-1234\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD = "tenant-a|conn-1".getBytes(StandardCharsets.UTF_8);
    private final byte[] kek1 = key();
    private final byte[] kek2 = key();

    @Test
    void sealsWithAFreshDataKeyAndOpensWithTheSameRecordBinding() {
        EnvelopeCipher cipher = new EnvelopeCipher(new KeyRing(Map.of(1, kek1), 1));
        SealedSecret first = cipher.seal(SECRET, AAD);
        SealedSecret second = cipher.seal(SECRET, AAD);

        assertThat(first.kekVersion()).isEqualTo(1);
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
        assertThat(first.wrappedKey()).isNotEqualTo(second.wrappedKey());
        assertThat(new String(first.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("s3cr3t");
        assertThat(cipher.open(first, AAD)).isEqualTo(SECRET);
    }

    @Test
    void ciphertextMovedToAnotherRecordOrTamperedDoesNotOpen() {
        EnvelopeCipher cipher = new EnvelopeCipher(new KeyRing(Map.of(1, kek1), 1));
        SealedSecret sealed = cipher.seal(SECRET, AAD);

        assertThatThrownBy(() -> cipher.open(sealed, "tenant-b|conn-1".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CryptoException.class);
        byte[] tampered = sealed.ciphertext().clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.open(new SealedSecret(tampered, sealed.wrappedKey(), 1), AAD))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void rewrapMovesTheDataKeyToTheCurrentKekAndTheOldOneCanGo() {
        SealedSecret underOld = new EnvelopeCipher(new KeyRing(Map.of(1, kek1), 1)).seal(SECRET, AAD);
        EnvelopeCipher both = new EnvelopeCipher(new KeyRing(Map.of(1, kek1, 2, kek2), 2));

        SealedSecret rewrapped = both.rewrap(underOld, AAD);

        assertThat(rewrapped.kekVersion()).isEqualTo(2);
        assertThat(rewrapped.ciphertext()).isEqualTo(underOld.ciphertext());
        assertThat(new EnvelopeCipher(new KeyRing(Map.of(2, kek2), 2)).open(rewrapped, AAD)).isEqualTo(SECRET);
        EnvelopeCipher withoutOld = new EnvelopeCipher(new KeyRing(Map.of(2, kek2), 2));
        assertThatThrownBy(() -> withoutOld.open(underOld, AAD))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("version 1 is not configured");
    }

    @Test
    void refusesWeakOrMissingKeys() {
        assertThatThrownBy(() -> new KeyRing(Map.of(1, new byte[16]), 1)).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new KeyRing(Map.of(1, kek1), 2)).hasMessageContaining("current key-encryption key version 2");
        assertThatThrownBy(() -> KeyRing.fromBase64(Map.of("1", "not base64!"), 1))
                .hasMessageNotContaining("not base64!");
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
