package io.switchboard.workflow.messaging;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.contracts.CloudEvent;
import io.switchboard.contracts.CloudEventCodec;
import io.switchboard.contracts.InvalidEventException;
import io.switchboard.contracts.payload.TicketEvent;
import io.switchboard.workflow.persistence.TicketEventInbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Takes ticket events from {@code tickets.events.v1}: each is schema-checked against event-contracts, then
 * recorded once in the inbox; an event that is not valid goes to {@code workflow.dlq.v1} with the reason instead
 * of stopping the partition. The method returns only after the write, so the offset never passes an unrecorded event.
 */
@ApplicationScoped
public class TicketEventConsumer {

    private static final Logger LOG = Logger.getLogger(TicketEventConsumer.class);

    private final TicketEventInbox inbox;
    private final DeadLetters deadLetters;

    TicketEventConsumer(TicketEventInbox inbox, DeadLetters deadLetters) {
        this.inbox = inbox;
        this.deadLetters = deadLetters;
    }

    @Incoming("ticket-events")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        TicketEvent ticket;
        try {
            event = CloudEventCodec.fromBytesValidated(record.value());
            ticket = event.data(TicketEvent.class);
        } catch (InvalidEventException e) {
            LOG.warnf("invalid ticket event at %s-%d@%d sent to the dead-letter topic: %s",
                    record.topic(), record.partition(), record.offset(), e.errors());
            deadLetters.send(record, String.join("; ", e.errors()));
            return;
        }
        boolean isNew = inbox.recordIfNew(event.id(), ticket, record.topic(), record.partition(), record.offset());
        if (!isNew) {
            LOG.debugf("redelivered ticket event %s ignored (tenant %s)", event.id(), ticket.tenant());
        }
    }
}
