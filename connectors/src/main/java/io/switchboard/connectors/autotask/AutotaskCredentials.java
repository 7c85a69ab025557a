package io.switchboard.connectors.autotask;

import java.util.Objects;

/**
 * What an Autotask API-only user signs in with (seed 002).
 *
 * @param impersonationResourceId the regular resource that notes and time entries are written as; null when the
 *                                connection does not impersonate
 */
public record AutotaskCredentials(String username, String secret, String integrationCode, Long impersonationResourceId) {

    public AutotaskCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(integrationCode, "integrationCode");
    }

    /** Secrets stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "AutotaskCredentials[username=" + username + ", impersonationResourceId=" + impersonationResourceId + "]";
    }
}
