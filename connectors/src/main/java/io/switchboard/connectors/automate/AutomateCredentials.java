package io.switchboard.connectors.automate;

import java.util.Objects;

/**
 * An Automate user (seed 000/004) and the integration's registered clientId.
 *
 * @param totpSecret the base32 "manual entry code" for users without the integrator flag; null otherwise
 */
public record AutomateCredentials(String serverUrl, String username, String password, String clientId, String totpSecret) {

    public AutomateCredentials {
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** Password and TOTP secret stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "AutomateCredentials[serverUrl=" + serverUrl + ", username=" + username + "]";
    }
}
