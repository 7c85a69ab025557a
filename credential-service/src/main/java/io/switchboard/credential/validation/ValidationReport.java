package io.switchboard.credential.validation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The outcome of checking a connection against its vendor, as stored with the connection and returned by the API.
 * Every enum travels in kebab case, every property in camel case.
 *
 * @param failure     the class of problem ({@code null} when connected)
 * @param cause       what exactly, when it is known ({@code null} otherwise)
 * @param message     for the MSP admin: what is wrong and what to do
 * @param vendorError the vendor's own words about the failure, when it said something
 * @param permissions one entry per permission the setup guide requires, in the guide's order
 * @param discovered  what discovery found, by vendor (see the schema description)
 */
@Schema(name = "ValidationReport")
public record ValidationReport(
        State state,
        Failure failure,
        Cause cause,
        String message,
        String vendorError,
        List<PermissionCheck> permissions,
        @Schema(description = "Facts found on the way. autotask: zoneName, zoneUrl, zoneSource (discovered | configured), "
                + "webhooks (existing TicketWebhooks), webhookSlotsLeft (of 5), impersonationResource {id, found, name, "
                + "active, licenseType, apiOnly, mayBeImpersonated, defaultServiceDeskRoleId}. connectwise-manage: companyName, "
                + "codebase, versionCode, apiMember {identifier, found, id, securityRole {id, name}}. connectwise-automate: "
                + "signIn (integrator: password only | totp: with a two-factor code), userName, userId. A fact that could "
                + "not be established is absent.")
        Map<String, Object> discovered,
        Instant checkedAt) {

    public enum State {
        @JsonProperty("connected") CONNECTED,
        @JsonProperty("failed") FAILED,
        /** Saved before vendor validation existed; the next save or test replaces it. */
        @JsonProperty("not-run") NOT_RUN;

        public String wireName() {
            return switch (this) {
                case CONNECTED -> "connected";
                case FAILED -> "failed";
                case NOT_RUN -> "not-run";
            };
        }
    }

    public enum Failure {
        /** the vendor refused who we are: fix the credentials (or the settings naming the vendor's records) */
        @JsonProperty("wrong-credentials") WRONG_CREDENTIALS,
        /** signed in, but the vendor-side role lacks something the guide requires */
        @JsonProperty("missing-permission") MISSING_PERMISSION,
        /** no usable answer: host, network, TLS, a refused URL, or a vendor too slow or failing */
        @JsonProperty("unreachable") UNREACHABLE,
        /** the vendor's request budget is used up: test again later */
        @JsonProperty("rate-limited") RATE_LIMITED
    }

    /** The specific cause, where one is known; each belongs to one {@link Failure}. */
    public enum Cause {
        // wrong-credentials
        /** Autotask knows no such user name (zone discovery) */
        @JsonProperty("unknown-username") UNKNOWN_USERNAME,
        /** the user name and secret were refused (Autotask secret, Manage public/private key, Automate password) */
        @JsonProperty("wrong-username-or-secret") WRONG_USERNAME_OR_SECRET,
        /** Autotask: the API tracking identifier (integration code) is not valid */
        @JsonProperty("wrong-integration-code") WRONG_INTEGRATION_CODE,
        /** Manage: no company with this company id on the site */
        @JsonProperty("unknown-company") UNKNOWN_COMPANY,
        /** Manage and Automate require a clientId and none is configured */
        @JsonProperty("missing-client-id") MISSING_CLIENT_ID,
        /** the configured clientId is not accepted */
        @JsonProperty("invalid-client-id") INVALID_CLIENT_ID,
        /** Automate: the user needs a two-factor code and no TOTP secret is configured (or use an integrator user) */
        @JsonProperty("two-factor-required") TWO_FACTOR_REQUIRED,
        /** Automate: the code from the configured TOTP secret was refused, or the secret is not a base32 key */
        @JsonProperty("wrong-totp") WRONG_TOTP,
        /** Manage: no member with the configured API member identifier */
        @JsonProperty("unknown-api-member") UNKNOWN_API_MEMBER,
        /** Autotask: no resource with the configured impersonation resource id */
        @JsonProperty("impersonation-resource-not-found") IMPERSONATION_RESOURCE_NOT_FOUND,
        /** Autotask: the impersonation resource is inactive */
        @JsonProperty("impersonation-resource-inactive") IMPERSONATION_RESOURCE_INACTIVE,
        /** Autotask: the impersonation resource is an API-only user; a regular user is needed */
        @JsonProperty("impersonation-resource-api-only") IMPERSONATION_RESOURCE_API_ONLY,
        // missing-permission
        /** Autotask: the resource's security level does not allow it to be impersonated */
        @JsonProperty("impersonation-not-allowed") IMPERSONATION_NOT_ALLOWED,
        /** Autotask: the impersonation resource has no default Service Desk role */
        @JsonProperty("no-default-service-desk-role") NO_DEFAULT_SERVICE_DESK_ROLE,
        // unreachable
        @JsonProperty("unknown-host") UNKNOWN_HOST,
        @JsonProperty("connection-refused") CONNECTION_REFUSED,
        @JsonProperty("connect-timeout") CONNECT_TIMEOUT,
        @JsonProperty("tls") TLS,
        /** no answer within the request timeout */
        @JsonProperty("timeout") TIMEOUT,
        @JsonProperty("connection-lost") CONNECTION_LOST,
        /** the vendor answered every call, but too slowly to finish within the validation's time budget */
        @JsonProperty("too-slow") TOO_SLOW,
        /** the vendor answered with an error that is none of the above (e.g. a server error) */
        @JsonProperty("vendor-error") VENDOR_ERROR,
        /** the URL (e.g. a discovered Autotask zone) is refused by the SSRF guard, so it was not called */
        @JsonProperty("url-refused") URL_REFUSED
    }

    /**
     * @param id          the stable id of the permission catalogue, e.g. {@code ServiceDesk}, {@code add:ServiceTickets},
     *                    {@code Clients:Read}
     * @param label       the setup guide's own wording, e.g. "Service Desk (Tickets)"
     * @param probe       how it was probed, e.g. {@code POST Tickets/query/count}; null when not probed
     * @param vendorError the vendor's own words when the probe was refused
     * @param reason      why it is not-checkable
     */
    @Schema(name = "PermissionCheck")
    public record PermissionCheck(String id, String label, Status status, String probe, String vendorError, String reason) {

        public enum Status {
            @JsonProperty("ok") OK,
            @JsonProperty("missing") MISSING,
            @JsonProperty("not-checkable") NOT_CHECKABLE
        }
    }
}
