package io.switchboard.connectors;

import java.util.List;

/** A vendor answered a call with an error; {@code messages} are the vendor's own words. */
public class VendorApiException extends RuntimeException {

    /** What the caller (and the MSP admin reading a validation report) can do about it. */
    public enum Kind {
        /** unknown user, wrong secret, key or password: fix the credentials */
        AUTHENTICATION,
        /** Autotask: the API tracking identifier is wrong */
        INVALID_INTEGRATION_CODE,
        /** ConnectWise: the clientId header is missing or not registered */
        INVALID_CLIENT_ID,
        /** Automate: the user needs a two-factor code and no TOTP secret was given */
        TWO_FACTOR_REQUIRED,
        /** Automate: the code from the given TOTP secret was refused, or the secret is not a base32 key */
        TWO_FACTOR_CODE_REJECTED,
        /** the security level, role or user class lacks a permission */
        PERMISSION,
        /**
         * Autotask: the resource named by ImpersonationResourceId cannot be impersonated (unknown or inactive, an
         * API-only resource, or its security level does not allow it)
         */
        IMPERSONATION_REFUSED,
        NOT_FOUND,
        /** a request budget or concurrency limit */
        RATE_LIMITED,
        /** the request itself is wrong: our defect or bad input */
        BAD_REQUEST,
        OTHER;

        /** Concerns every call of the connection (who signs in, or the vendor's budget), not the one request. */
        public boolean connectionWide() {
            return switch (this) {
                case AUTHENTICATION, INVALID_INTEGRATION_CODE, INVALID_CLIENT_ID, TWO_FACTOR_REQUIRED,
                     TWO_FACTOR_CODE_REJECTED, RATE_LIMITED -> true;
                default -> false;
            };
        }

        /** The meaning of an HTTP status, as the ConnectWise APIs use them; vendors with odder habits check first. */
        public static Kind fromStatus(int status, List<String> messages) {
            return switch (status) {
                case 401 -> String.join(" ", messages).toLowerCase(java.util.Locale.ROOT).contains("clientid")
                        ? INVALID_CLIENT_ID : AUTHENTICATION;
                case 403 -> PERMISSION;
                case 404 -> NOT_FOUND;
                case 429 -> RATE_LIMITED;
                case 400, 405, 409, 415 -> BAD_REQUEST;
                default -> OTHER;
            };
        }
    }

    private final String vendor;
    private final int status;
    private final Kind kind;
    private final List<String> messages;

    /** @param status the HTTP status, or 0 when the client refused before sending (e.g. a malformed TOTP secret) */
    public VendorApiException(String vendor, int status, Kind kind, List<String> messages, String operation) {
        super(vendor + " " + operation + " failed: " + (status == 0 ? "not sent" : "HTTP " + status) + " " + kind
                + (messages.isEmpty() ? "" : " " + messages));
        this.vendor = vendor;
        this.status = status;
        this.kind = kind;
        this.messages = List.copyOf(messages);
    }

    public String vendor() {
        return vendor;
    }

    public int status() {
        return status;
    }

    public Kind kind() {
        return kind;
    }

    public List<String> messages() {
        return messages;
    }
}
