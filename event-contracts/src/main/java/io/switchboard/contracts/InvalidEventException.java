package io.switchboard.contracts;

import java.util.List;

/**
 * An event that does not honour its contract (unparseable, envelope or payload schema violated). Unchecked so a
 * consumer can catch this one type and route the record to its dead-letter topic.
 */
public class InvalidEventException extends RuntimeException {

    private final List<String> errors;

    public InvalidEventException(List<String> errors) {
        this(errors, null);
    }

    public InvalidEventException(List<String> errors, Throwable cause) {
        super("invalid event: " + String.join("; ", errors), cause);
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
