package io.switchboard.ingest.service;

import io.switchboard.ingest.client.ConnectionGoneException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Unwrapping and classifying failures of asynchronous steps. */
public final class Failures {

    private Failures() {
    }

    public static Throwable cause(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A failed credential read as the vendor should see it: the connection is gone (404), or try again later (503). */
    static Rejection credentialsFailure(Throwable error) {
        Throwable cause = cause(error);
        if (cause instanceof Rejection rejection) {
            return rejection;
        }
        return cause instanceof ConnectionGoneException ? Rejection.notFound()
                : Rejection.unavailable("the webhook secret cannot be read right now");
    }
}
