package io.switchboard.credential.service;

import io.switchboard.contracts.Vendor;

/** No {@link io.switchboard.credential.validation.ConnectionValidator} for the vendor is deployed yet. */
public class ValidationUnavailableException extends RuntimeException {

    public ValidationUnavailableException(Vendor vendor) {
        super("vendor validation is not available yet for " + vendor.wireName());
    }
}
