package io.switchboard.contracts.payload;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.switchboard.contracts.Vendor;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Request to sync one connection ({@code io.switchboard.sync.command.v1} on {@code sync.schedule.v1} and
 * {@code sync.trigger.v1}).
 *
 * @param requestedBy user id for a manual sync, null for the scheduler
 * @param entities    what to sync; empty means everything the vendor has
 * @param full        ignore the incremental watermark and read everything again
 */
public record SyncCommand(
        String tenant,
        String connectionId,
        Vendor vendor,
        Reason reason,
        String requestedBy,
        List<SyncEntity> entities,
        boolean full,
        Instant requestedAt) {

    public enum Reason {
        @JsonProperty("scheduled") SCHEDULED,
        @JsonProperty("manual") MANUAL
    }

    public SyncCommand {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedAt, "requestedAt");
        entities = entities == null ? List.of() : List.copyOf(entities);
    }
}
