package io.switchboard.ingest.normalize;

/** A well-formed delivery that is not a ticket change (another entity, a deactivation notice) or lacks its essentials. */
public class NotATicketEventException extends RuntimeException {

    public NotATicketEventException(String message) {
        super(message);
    }
}
