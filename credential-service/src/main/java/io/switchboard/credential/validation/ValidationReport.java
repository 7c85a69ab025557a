package io.switchboard.credential.validation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of checking a connection against its vendor, as stored with the connection and returned by the API.
 *
 * @param failure     why it failed ({@code null} when connected)
 * @param permissions one entry per permission the setup guide requires
 * @param discovered  what discovery found, e.g. the Autotask zone URL or the Manage codebase
 */
public record ValidationReport(
        State state,
        Failure failure,
        String message,
        List<PermissionCheck> permissions,
        Map<String, String> discovered,
        Instant checkedAt) {

    public enum State {
        @JsonProperty("connected") CONNECTED,
        @JsonProperty("failed") FAILED,
        /** No validator for the vendor yet: saved unchecked. */
        @JsonProperty("not-run") NOT_RUN
    }

    public enum Failure {
        @JsonProperty("wrong-credentials") WRONG_CREDENTIALS,
        @JsonProperty("missing-permission") MISSING_PERMISSION,
        @JsonProperty("unreachable") UNREACHABLE,
        @JsonProperty("rate-limited") RATE_LIMITED
    }

    /**
     * @param name        the permission as the setup guide names it, e.g. "Service Desk (Tickets)"
     * @param vendorError the vendor's own error text when the probe failed
     */
    public record PermissionCheck(String name, Status status, String vendorError) {

        public enum Status {
            @JsonProperty("ok") OK,
            @JsonProperty("missing") MISSING,
            @JsonProperty("not-checkable") NOT_CHECKABLE
        }
    }

    public static ValidationReport notRun(Instant now) {
        return new ValidationReport(State.NOT_RUN, null, "vendor validation is not available yet: saved without checking",
                List.of(), Map.of(), now);
    }
}
