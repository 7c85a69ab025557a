package io.switchboard.ingest.service;

import io.switchboard.contracts.payload.EntityRef;
import io.switchboard.contracts.payload.ReferenceRecord.Kind;
import io.switchboard.contracts.payload.TicketEvent;
import io.switchboard.ingest.messaging.ReferenceLabels;
import jakarta.inject.Singleton;

/** Fills in the labels a vendor did not send (Autotask sends ids only) from the synced reference data. */
@Singleton
public class TicketLabels {

    private final ReferenceLabels reference;

    public TicketLabels(ReferenceLabels reference) {
        this.reference = reference;
    }

    public TicketEvent label(TicketEvent e) {
        return new TicketEvent(e.action(), e.tenant(), e.connectionId(), e.vendor(), e.ticketId(), e.ticketNumber(), e.title(),
                ref(e, e.status(), Kind.TICKET_STATUS), ref(e, e.priority(), Kind.PRIORITY), ref(e, e.queue(), Kind.QUEUE),
                ref(e, e.company(), Kind.COMPANY), e.contact(), ref(e, e.assignee(), Kind.MEMBER), e.changedFields(),
                actor(e), e.sourceEventId(), e.occurredAt());
    }

    private EntityRef ref(TicketEvent e, EntityRef ref, Kind kind) {
        if (ref == null || ref.label() != null) {
            return ref;
        }
        return reference.label(kind, e.tenant(), e.vendor(), ref.id()).map(label -> new EntityRef(ref.id(), label)).orElse(ref);
    }

    private TicketEvent.Actor actor(TicketEvent e) {
        TicketEvent.Actor actor = e.actor();
        if (actor.id() == null || actor.label() != null) {
            return actor;
        }
        return reference.label(Kind.MEMBER, e.tenant(), e.vendor(), actor.id())
                .map(label -> new TicketEvent.Actor(actor.type(), actor.id(), label)).orElse(actor);
    }
}
