package io.switchboard.sandbox.autotask.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Where zone discovery sends the demo user: by default the listener the caller reached. Autotask moves a database to
 * another zone now and then; the control API can do the same, so clients can be tested for following the move.
 */
@ApplicationScoped
public class AutotaskZone {

    private volatile String movedTo;

    /** The origin (scheme, host, port) the database was moved to, if it was. */
    public Optional<String> movedTo() {
        return Optional.ofNullable(movedTo);
    }

    public void moveTo(String origin) {
        movedTo = origin;
    }

    public void reset() {
        movedTo = null;
    }
}
