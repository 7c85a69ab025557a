package io.switchboard.ingest.service;

/**
 * Why a webhook is not accepted, as the HTTP status the vendor gets and an RFC 9457 problem. Cheap to throw (no
 * stack trace): bad input is routine here. The detail never contains secrets or body content.
 */
public class Rejection extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;

    public Rejection(int status, String slug, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public static Rejection badRequest(String detail) {
        return new Rejection(400, "malformed-body", "Malformed webhook body", detail);
    }

    public static Rejection unauthorized(String detail) {
        return new Rejection(401, "signature", "Signature not verified", detail);
    }

    public static Rejection notFound() {
        return new Rejection(404, "unknown-endpoint", "Unknown webhook endpoint", "no webhook is registered under this URL");
    }

    public static Rejection unprocessable(String detail) {
        return new Rejection(422, "unprocessable", "Not a usable ticket event", detail);
    }

    public static Rejection tooLarge(String detail) {
        return new Rejection(413, "too-large", "Webhook body too large", detail);
    }

    /** Something we depend on is down or busy: the vendor should retry. */
    public static Rejection unavailable(String detail) {
        return new Rejection(503, "unavailable", "Temporarily unable to accept webhooks", detail);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }
}
