package io.switchboard.contracts.payload;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.switchboard.contracts.Vendor;
import java.time.Instant;
import java.util.Objects;

/**
 * Progress of one sync run ({@code io.switchboard.sync.run.v1} on {@code sync.runs.v1}).
 *
 * @param entity the entity the progress is about; null for run-level states
 * @param counts running totals of the run (or of {@code entity})
 * @param error  set when {@code state} is {@code failed}
 */
public record SyncRunEvent(
        String runId,
        String tenant,
        String connectionId,
        Vendor vendor,
        State state,
        SyncEntity entity,
        Counts counts,
        RunError error,
        Instant at) {

    public enum State {
        @JsonProperty("started") STARTED,
        @JsonProperty("progress") PROGRESS,
        @JsonProperty("completed") COMPLETED,
        @JsonProperty("failed") FAILED
    }

    public record Counts(long fetched, long upserted, long deleted) {

        public static final Counts ZERO = new Counts(0, 0, 0);
    }

    /** @param code stable machine-readable code (e.g. {@code vendor-unauthorized}); message is for people */
    public record RunError(String code, String message) {
    }

    public SyncRunEvent {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        counts = counts == null ? Counts.ZERO : counts;
    }
}
