package io.switchboard.credential.validation;

import io.switchboard.connectors.PermissionProbe;
import io.switchboard.connectors.VendorApiException;
import io.switchboard.connectors.http.VendorUnreachableException;
import io.switchboard.credential.validation.ValidationReport.Cause;
import io.switchboard.credential.validation.ValidationReport.Failure;
import io.switchboard.credential.validation.ValidationReport.PermissionCheck;
import io.switchboard.credential.validation.ValidationReport.PermissionCheck.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A validation report being filled in: one check per required permission (each starts as "not probed"), the facts
 * discovered, and the first failure. Every probe goes through {@link #probe}, which keeps the whole validation within
 * its time budget.
 */
final class ReportDraft {

    /** Thrown when the time budget is spent: no further call is started. */
    static final class OverBudget extends RuntimeException {
        OverBudget() {
            super(null, null, false, false);
        }
    }

    private final Map<String, PermissionCheck> checks = new LinkedHashMap<>();
    private final Map<String, Object> discovered = new LinkedHashMap<>();
    private final Clock clock;
    private final Instant deadline;
    private final Duration budget;
    private Failure failure;
    private Cause cause;
    private String message;
    private String vendorError;

    ReportDraft(List<Requirement> required, Clock clock, Duration budget) {
        required.forEach(r -> checks.put(r.id(), new PermissionCheck(r.id(), r.label(), Status.NOT_CHECKABLE, null, null, null)));
        this.clock = clock;
        this.budget = budget;
        this.deadline = clock.instant().plus(budget);
    }

    /** Runs a probe and records its outcome for {@code id}; connection-wide failures are thrown to the caller. */
    PermissionProbe probe(String id, String how, Supplier<PermissionProbe> probe) {
        PermissionProbe result = call(probe);
        switch (result.outcome()) {
            case GRANTED -> record(id, Status.OK, how, null, null);
            case DENIED -> record(id, Status.MISSING, how, result.vendorError(), null);
            case INCONCLUSIVE -> record(id, Status.NOT_CHECKABLE, how, result.vendorError(),
                    "the vendor answered with an error that says nothing about this permission (HTTP " + result.status() + ")");
        }
        return result;
    }

    /** Any vendor call, within the time budget. */
    <T> T call(Supplier<T> call) {
        if (clock.instant().isAfter(deadline)) {
            throw new OverBudget();
        }
        return call.get();
    }

    void ok(String id, String how) {
        record(id, Status.OK, how, null, null);
    }

    void missing(String id, String how, String vendorError) {
        record(id, Status.MISSING, how, vendorError, null);
    }

    void notCheckable(String id, String how, String reason, String vendorError) {
        record(id, Status.NOT_CHECKABLE, how, vendorError, reason);
    }

    Status status(String id) {
        return checks.get(id).status();
    }

    private void record(String id, Status status, String how, String vendorError, String reason) {
        PermissionCheck before = checks.get(id);
        if (before == null) {
            throw new IllegalArgumentException(id + " is not a required permission");
        }
        checks.put(id, new PermissionCheck(id, before.label(), status, how, vendorError, reason));
    }

    void discovered(String fact, Object value) {
        if (value != null) {
            discovered.put(fact, value);
        }
    }

    /** Records the failure unless one was recorded before: the first is the one to fix first. */
    void fail(Failure failure, Cause cause, String message, String vendorError) {
        if (this.failure == null) {
            this.failure = failure;
            this.cause = cause;
            this.message = message;
            this.vendorError = vendorError;
        }
    }

    /**
     * A vendor error that ended the validation.
     *
     * @param clientIdConfigured whether a clientId was sent, which tells a missing one from a refused one
     */
    void fail(VendorApiException e, boolean clientIdConfigured) {
        // status 0: the client refused before sending, so the words are the client's, not the vendor's
        String said = e.status() == 0 || e.messages().isEmpty() ? null : String.join(" ", e.messages());
        switch (e.kind()) {
            case AUTHENTICATION -> fail(Failure.WRONG_CREDENTIALS, Cause.WRONG_USERNAME_OR_SECRET,
                    e.vendor() + " refused the user name and secret: check them (a regenerated secret replaces the old one)", said);
            case INVALID_INTEGRATION_CODE -> fail(Failure.WRONG_CREDENTIALS, Cause.WRONG_INTEGRATION_CODE,
                    "Autotask refused the API integration code (tracking identifier): copy it again from the API user", said);
            case INVALID_CLIENT_ID -> fail(Failure.WRONG_CREDENTIALS,
                    clientIdConfigured ? Cause.INVALID_CLIENT_ID : Cause.MISSING_CLIENT_ID,
                    clientIdConfigured ? e.vendor() + " refused the clientId: use the one registered for the integration"
                            : e.vendor() + " requires a clientId: set the one registered for the integration", said);
            case TWO_FACTOR_REQUIRED -> fail(Failure.WRONG_CREDENTIALS, Cause.TWO_FACTOR_REQUIRED,
                    "the Automate user needs a two-factor code: give its TOTP secret, or use a user with the integrator flag", said);
            case TWO_FACTOR_CODE_REJECTED -> fail(Failure.WRONG_CREDENTIALS, Cause.WRONG_TOTP, e.status() == 0
                    ? String.join(" ", e.messages()) + ": copy it again from the authenticator enrolment"
                    : "Automate refused the two-factor code made from the TOTP secret: copy the secret again from the "
                            + "authenticator enrolment", said);
            case RATE_LIMITED -> fail(Failure.RATE_LIMITED, null,
                    e.vendor() + " refused further requests for now (request limit): test again later", said);
            case PERMISSION -> fail(Failure.MISSING_PERMISSION, null, e.vendor() + " refused a required call: " + said, said);
            default -> fail(Failure.UNREACHABLE, Cause.VENDOR_ERROR,
                    e.vendor() + " answered with an error (HTTP " + e.status() + "): test again later", said);
        }
    }

    void fail(VendorUnreachableException e) {
        Cause reason = switch (e.reason()) {
            case UNKNOWN_HOST -> Cause.UNKNOWN_HOST;
            case CONNECTION_REFUSED -> Cause.CONNECTION_REFUSED;
            case CONNECT_TIMEOUT -> Cause.CONNECT_TIMEOUT;
            case TLS -> Cause.TLS;
            case TIMEOUT -> Cause.TIMEOUT;
            case CONNECTION_LOST -> Cause.CONNECTION_LOST;
        };
        fail(Failure.UNREACHABLE, reason, e.host() + " did not answer: " + e.reason().description(), null);
    }

    void overBudget() {
        fail(Failure.UNREACHABLE, Cause.TOO_SLOW, "the vendor answered too slowly: validation stopped after "
                + budget.toSeconds() + " s", null);
    }

    ValidationReport build() {
        List<String> missing = checks.values().stream().filter(c -> c.status() == Status.MISSING).map(PermissionCheck::id).toList();
        if (!missing.isEmpty()) {
            fail(Failure.MISSING_PERMISSION, null, missing.size() + " required permission" + (missing.size() == 1 ? " is" : "s are")
                    + " missing: " + String.join(", ", missing), null);
        }
        List<PermissionCheck> permissions = new ArrayList<>();
        String notProbed = failure != null && failure != Failure.MISSING_PERMISSION ? "not probed: " + message : "not probed";
        checks.values().forEach(c -> permissions.add(c.probe() == null && c.reason() == null
                ? new PermissionCheck(c.id(), c.label(), c.status(), null, null, notProbed) : c));
        ValidationReport.State state = failure == null ? ValidationReport.State.CONNECTED : ValidationReport.State.FAILED;
        return new ValidationReport(state, failure, cause, failure == null ? "connected: every checkable permission is granted" : message,
                vendorError, permissions, discovered, clock.instant());
    }
}
