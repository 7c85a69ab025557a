package io.switchboard.workflow.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.switchboard.contracts.CloudEvent;
import io.switchboard.contracts.CloudEventCodec;
import io.switchboard.contracts.EventIds;
import io.switchboard.contracts.EventSources;
import io.switchboard.contracts.EventTypes;
import io.switchboard.contracts.payload.DeadLetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes records the engine cannot process to {@code workflow.dlq.v1}, waiting for the broker's ack. */
@ApplicationScoped
public class DeadLetters {

    private static final String SOURCE = EventSources.service("workflow-engine");

    private final MutinyEmitter<Record<String, byte[]>> emitter;

    DeadLetters(@Channel("workflow-dlq") MutinyEmitter<Record<String, byte[]>> emitter) {
        this.emitter = emitter;
    }

    public void send(ConsumerRecord<String, byte[]> original, String reason) {
        DeadLetter letter = new DeadLetter(null, original.topic(), original.partition(), original.offset(), original.key(),
                original.value() == null ? null : new String(original.value(), StandardCharsets.UTF_8), reason, Instant.now());
        // the id names the original position, so a replayed failure yields the same dead letter id
        String id = EventIds.deterministic(original.topic(), Integer.toString(original.partition()),
                Long.toString(original.offset()));
        CloudEvent event = CloudEvent.of(EventTypes.DEAD_LETTER, SOURCE, original.topic(), null, id, letter.failedAt(), letter);
        emitter.sendAndAwait(Record.of(original.key(), CloudEventCodec.toBytes(event)));
    }
}
