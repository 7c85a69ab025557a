package io.switchboard.credential.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.switchboard.credential.crypto.SealedSecret;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/**
 * A row holding a secret under envelope encryption: the ciphertext, its data key wrapped by the key-encryption key
 * of {@code kekVersion}, and the additional authenticated data that binds both to this row. Key rotation re-wraps
 * every kind of sealed row the same way.
 */
@MappedSuperclass
public abstract class SealedEntity extends PanacheEntityBase {

    @Column(name = "secret_ciphertext")
    public byte[] secretCiphertext;

    @Column(name = "wrapped_data_key")
    public byte[] wrappedDataKey;

    @Column(name = "kek_version")
    public int kekVersion;

    /** What the ciphertext is bound to: copied onto another row it no longer decrypts. */
    public abstract byte[] aad();

    public SealedSecret sealedSecret() {
        return new SealedSecret(secretCiphertext, wrappedDataKey, kekVersion);
    }

    public void seal(SealedSecret sealed) {
        secretCiphertext = sealed.ciphertext();
        wrappedDataKey = sealed.wrappedKey();
        kekVersion = sealed.kekVersion();
    }
}
