package io.switchboard.ingest.normalize;

/** A well-formed delivery about something other than a ticket (another entity type): accepted, nothing published. */
public class NotATicketEventException extends RuntimeException {

    public NotATicketEventException(String message) {
        super(message, null, false, false);
    }
}
