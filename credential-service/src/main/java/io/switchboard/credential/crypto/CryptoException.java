package io.switchboard.credential.crypto;

/** Decryption or key failure. Never carries plaintext or key material in its message. */
public class CryptoException extends RuntimeException {

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
