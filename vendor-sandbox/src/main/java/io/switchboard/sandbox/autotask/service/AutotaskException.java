package io.switchboard.sandbox.autotask.service;

/** An Autotask failure: rendered as {"errors":[message]} with the vendor's status. */
public class AutotaskException extends RuntimeException {
    private final int status;

    public AutotaskException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
