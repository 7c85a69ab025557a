package io.switchboard.contracts.payload;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.switchboard.contracts.Vendor;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A ticket created, updated or deleted in Autotask or ConnectWise Manage, normalized
 * ({@code io.switchboard.ticket.v1} on {@code tickets.events.v1}). References are null when the vendor did not
 * send them (a delete carries little more than the id).
 *
 * @param ticketId      the vendor's internal id (as a string); the Kafka key uses it
 * @param ticketNumber  the number people see (Autotask {@code T20261122.0001}); null if not sent
 * @param queue         Autotask queue or Manage service board
 * @param changedFields names of the fields that changed, as named in this payload where one exists
 *                      ({@code status}, {@code assignee}, ...) and as named by the vendor otherwise
 * @param actor         who made the change; the workflow engine ignores Switchboard's own users
 * @param sourceEventId the vendor's identity of the event (webhook GUID, callback id), the basis of the id
 */
public record TicketEvent(
        Action action,
        String tenant,
        String connectionId,
        Vendor vendor,
        String ticketId,
        String ticketNumber,
        String title,
        EntityRef status,
        EntityRef priority,
        EntityRef queue,
        EntityRef company,
        EntityRef contact,
        EntityRef assignee,
        List<String> changedFields,
        Actor actor,
        String sourceEventId,
        Instant occurredAt) {

    public enum Action {
        @JsonProperty("created") CREATED,
        @JsonProperty("updated") UPDATED,
        @JsonProperty("deleted") DELETED
    }

    /** @param id vendor id of the resource/member/API user; null when the vendor does not say */
    public record Actor(Type type, String id, String label) {

        public enum Type {
            @JsonProperty("resource") RESOURCE,
            @JsonProperty("member") MEMBER,
            @JsonProperty("api") API,
            @JsonProperty("unknown") UNKNOWN
        }

        public Actor {
            Objects.requireNonNull(type, "type");
        }

        public static Actor unknown() {
            return new Actor(Type.UNKNOWN, null, null);
        }
    }

    public TicketEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(sourceEventId, "sourceEventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        changedFields = changedFields == null ? List.of() : List.copyOf(changedFields);
        actor = actor == null ? Actor.unknown() : actor;
    }
}
