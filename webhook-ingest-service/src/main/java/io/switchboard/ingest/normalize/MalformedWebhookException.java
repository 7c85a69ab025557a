package io.switchboard.ingest.normalize;

/** A ticket delivery that lacks what a ticket event needs, or carries unusable values (422). */
public class MalformedWebhookException extends RuntimeException {

    public MalformedWebhookException(String message) {
        super(message, null, false, false);
    }
}
