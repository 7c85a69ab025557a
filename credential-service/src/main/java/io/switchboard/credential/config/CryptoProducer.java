package io.switchboard.credential.config;

import io.switchboard.credential.crypto.EnvelopeCipher;
import io.switchboard.credential.crypto.KeyRing;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the cipher from configuration once; a missing or malformed KEK fails the start, not the first request. */
public class CryptoProducer {

    @Produces
    @Singleton
    @Startup
    EnvelopeCipher envelopeCipher(CredentialsConfig config) {
        return new EnvelopeCipher(KeyRing.fromBase64(config.kek().keys(), config.kek().currentVersion()));
    }
}
