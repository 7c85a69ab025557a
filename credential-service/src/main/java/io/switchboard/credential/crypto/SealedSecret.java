package io.switchboard.credential.crypto;

/**
 * What is stored for one record: the secret encrypted under its own data key, and that data key wrapped by the
 * key-encryption key of {@code kekVersion}. Both byte arrays are {@code iv || ciphertext+tag}.
 */
public record SealedSecret(byte[] ciphertext, byte[] wrappedKey, int kekVersion) {
}
