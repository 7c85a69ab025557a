package io.switchboard.credential.config;

import io.switchboard.connectors.http.VendorHttp;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The vendor transport of validation: short timeouts and few attempts, because an admin waits for the answer. */
public class VendorHttpProducer {

    @Produces
    @Singleton
    VendorHttp validationHttp(CredentialsConfig config) {
        CredentialsConfig.Validation validation = config.validation();
        return VendorHttp.bounded(validation.connectTimeout(), validation.requestTimeout(), validation.attempts());
    }
}
