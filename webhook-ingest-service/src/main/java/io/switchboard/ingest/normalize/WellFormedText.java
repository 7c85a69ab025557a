package io.switchboard.ingest.normalize;

import io.switchboard.contracts.payload.EntityRef;
import io.switchboard.contracts.payload.TicketEvent;

/**
 * JSON lets a string carry a lone UTF-16 surrogate ({@code "\uD800"}); it is no character and cannot be written as
 * UTF-8, so a ticket event containing one would be corrupted or fail on the way to Kafka. Such events are refused.
 */
final class WellFormedText {

    private WellFormedText() {
    }

    static TicketEvent require(TicketEvent event) {
        check(event.ticketId(), "ticket id");
        check(event.ticketNumber(), "ticket number");
        check(event.title(), "title");
        for (EntityRef ref : new EntityRef[]{event.status(), event.priority(), event.queue(), event.company(),
                event.contact(), event.assignee()}) {
            if (ref != null) {
                check(ref.id(), "reference id");
                check(ref.label(), "reference label");
            }
        }
        event.changedFields().forEach(name -> check(name, "field name"));
        check(event.actor().id(), "actor");
        check(event.sourceEventId(), "event identity");
        return event;
    }

    private static void check(String text, String what) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new MalformedWebhookException("the " + what + " contains an unpaired UTF-16 surrogate");
            }
        }
    }
}
