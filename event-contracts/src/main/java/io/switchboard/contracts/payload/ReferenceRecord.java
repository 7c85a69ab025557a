package io.switchboard.contracts.payload;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.switchboard.contracts.Vendor;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Latest state of one synced vendor record ({@code io.switchboard.reference.v1} on the compacted
 * {@code reference.<kind>.v1} topics, key {@code tenant:vendor:id}). A record removed at the vendor becomes a
 * tombstone (null value); {@code active=false} means it still exists but is inactive.
 *
 * @param attributes extra vendor fields consumers may need (e.g. a status's "isClosed"): scalars only
 */
public record ReferenceRecord(
        String tenant,
        Vendor vendor,
        Kind kind,
        String id,
        String name,
        boolean active,
        Map<String, Object> attributes,
        Instant updatedAt) {

    public enum Kind {
        @JsonProperty("company") COMPANY("reference.companies.v1"),
        @JsonProperty("ticket-status") TICKET_STATUS("reference.ticket-statuses.v1"),
        @JsonProperty("queue") QUEUE("reference.queues.v1"),
        @JsonProperty("priority") PRIORITY("reference.priorities.v1"),
        @JsonProperty("member") MEMBER("reference.members.v1"),
        @JsonProperty("computer") COMPUTER("reference.computers.v1");

        private final String topic;

        Kind(String topic) {
            this.topic = topic;
        }

        /** The compacted topic records of this kind are published to. */
        public String topic() {
            return topic;
        }
    }

    public ReferenceRecord {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Map<String, Object> copy = new LinkedHashMap<>(); // LinkedHashMap: null values are allowed
        if (attributes != null) {
            attributes.forEach((key, value) -> {
                if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                    throw new IllegalArgumentException("attribute " + key + " is not a scalar: " + value.getClass());
                }
                copy.put(key, value);
            });
        }
        attributes = Collections.unmodifiableMap(copy);
    }
}
