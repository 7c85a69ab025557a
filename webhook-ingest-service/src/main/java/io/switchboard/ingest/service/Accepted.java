package io.switchboard.ingest.service;

import java.util.UUID;

/**
 * A webhook the vendor may consider delivered (2xx).
 *
 * @param eventId the ticket event's CloudEvent id; null when nothing is published for it
 */
public record Accepted(Kind kind, UUID eventId, String detail) {

    public enum Kind {
        /** both records are on Kafka now */
        PUBLISHED,
        /** a redelivery of an event already on Kafka: nothing published again */
        DUPLICATE,
        /** verified, but not a ticket change we publish (another entity type) */
        IGNORED,
        /** a deactivation notice: the webhook will be healed */
        NOTED
    }

    public static Accepted published(UUID eventId) {
        return new Accepted(Kind.PUBLISHED, eventId, null);
    }

    public static Accepted duplicate(UUID eventId) {
        return new Accepted(Kind.DUPLICATE, eventId, null);
    }

    public static Accepted ignored(String detail) {
        return new Accepted(Kind.IGNORED, null, detail);
    }

    public static Accepted noted(String detail) {
        return new Accepted(Kind.NOTED, null, detail);
    }
}
