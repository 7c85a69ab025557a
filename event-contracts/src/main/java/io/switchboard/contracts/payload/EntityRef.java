package io.switchboard.contracts.payload;

import java.util.Objects;

/**
 * A vendor record referenced from an event: the vendor's id, plus the label as known when the event was
 * produced (from reference data), so consumers need not look it up; {@code label} is null when not known.
 */
public record EntityRef(String id, String label) {

    public EntityRef {
        Objects.requireNonNull(id, "id");
    }
}
