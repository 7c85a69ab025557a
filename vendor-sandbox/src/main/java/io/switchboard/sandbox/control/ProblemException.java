package io.switchboard.sandbox.control;

/** A control-API failure rendered as application/problem+json. */
public class ProblemException extends RuntimeException {
    private final int status;

    public ProblemException(int status, String detail) {
        super(detail);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
