package io.switchboard.connectors;

import java.util.List;
import java.util.function.Predicate;

/**
 * What a call made only to learn whether a permission is granted found out. Reads are cheap reads (a count, a page
 * of one). Writes are refused writes: requests the vendor refuses either way (an empty body, id 0), so nothing is
 * written; without the permission the vendor names the permission, with it the body or the id.
 *
 * @param status         the vendor's HTTP status
 * @param kind           the error's kind; null when the call succeeded
 * @param vendorMessages the vendor's own words, empty when the call succeeded
 */
public record PermissionProbe(Outcome outcome, int status, VendorApiException.Kind kind, List<String> vendorMessages) {

    public enum Outcome {
        GRANTED,
        DENIED,
        /** an error that says nothing about the permission, e.g. a server error */
        INCONCLUSIVE
    }

    /**
     * Runs {@code call}. Errors that concern the whole connection ({@link VendorApiException.Kind#connectionWide()})
     * and no answer at all are thrown: no probe can tell anything then.
     *
     * @param refusedAfterPermission which errors the vendor gives only once the permission check has passed (for a
     *                               refused write: the body or id refusal); always false for a read
     */
    public static PermissionProbe of(Runnable call, Predicate<VendorApiException> refusedAfterPermission) {
        try {
            call.run();
            return new PermissionProbe(Outcome.GRANTED, 200, null, List.of());
        } catch (VendorApiException e) {
            if (e.kind().connectionWide()) {
                throw e;
            }
            Outcome outcome = e.kind() == VendorApiException.Kind.PERMISSION ? Outcome.DENIED
                    : refusedAfterPermission.test(e) ? Outcome.GRANTED : Outcome.INCONCLUSIVE;
            return new PermissionProbe(outcome, e.status(), e.kind(), e.messages());
        }
    }

    /** A read: it succeeds with the permission and fails with a permission error without it. */
    public static PermissionProbe read(Runnable call) {
        return of(call, e -> false);
    }

    /** The vendor's words joined, or null when it had none to say. */
    public String vendorError() {
        return vendorMessages.isEmpty() ? null : String.join(" ", vendorMessages);
    }
}
