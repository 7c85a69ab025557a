package io.switchboard.credential.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption with AES-256-GCM: every record gets a fresh random data key; the data key is wrapped by the
 * current key-encryption key (KEK). Rotating the KEK re-wraps only the small data key, the secret's ciphertext
 * stays. The additional authenticated data (tenant and connection id) is bound to both layers, so a ciphertext
 * copied onto another tenant's or connection's row fails to decrypt.
 */
public final class EnvelopeCipher {

    private static final String AES_GCM = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final KeyRing keyRing;
    private final SecureRandom random = new SecureRandom();

    public EnvelopeCipher(KeyRing keyRing) {
        this.keyRing = keyRing;
    }

    public KeyRing keyRing() {
        return keyRing;
    }

    public SealedSecret seal(byte[] plaintext, byte[] aad) {
        byte[] dataKey = newDataKey();
        try {
            byte[] ciphertext = encrypt(new SecretKeySpec(dataKey, "AES"), plaintext, aad);
            byte[] wrapped = encrypt(keyRing.current(), dataKey, aad);
            return new SealedSecret(ciphertext, wrapped, keyRing.currentVersion());
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    public byte[] open(SealedSecret sealed, byte[] aad) {
        byte[] dataKey = decrypt(keyRing.version(sealed.kekVersion()), sealed.wrappedKey(), aad, "data key");
        try {
            return decrypt(new SecretKeySpec(dataKey, "AES"), sealed.ciphertext(), aad, "secret");
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** The same secret with its data key wrapped by the current KEK; the ciphertext is untouched. */
    public SealedSecret rewrap(SealedSecret sealed, byte[] aad) {
        byte[] dataKey = decrypt(keyRing.version(sealed.kekVersion()), sealed.wrappedKey(), aad, "data key");
        try {
            return new SealedSecret(sealed.ciphertext(), encrypt(keyRing.current(), dataKey, aad), keyRing.currentVersion());
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private byte[] newDataKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            return generator.generateKey().getEncoded();
        } catch (GeneralSecurityException e) {
            throw new CryptoException("AES key generation is unavailable", e);
        }
    }

    private byte[] encrypt(SecretKey key, byte[] plaintext, byte[] aad) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(AES_GCM);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad);
            byte[] ciphertext = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(IV_BYTES + ciphertext.length).put(iv).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new CryptoException("encryption failed", e);
        }
    }

    private static byte[] decrypt(SecretKey key, byte[] ivAndCiphertext, byte[] aad, String what) {
        try {
            Cipher cipher = Cipher.getInstance(AES_GCM);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ivAndCiphertext, 0, IV_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(ivAndCiphertext, IV_BYTES, ivAndCiphertext.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("the " + what + " cannot be decrypted: wrong key or not this record's", e);
        }
    }
}
