package io.switchboard.outbox;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Publishes each routed outbox row to Kafka and tells Debezium a batch is done only after the broker acknowledged
 * every record of it (acks=all). A crash in between replays the batch after restart: at-least-once, consumers
 * deduplicate on the CloudEvent id.
 */
final class KafkaPublisher implements DebeziumEngine.ChangeConsumer<ChangeEvent<SourceRecord, SourceRecord>> {

    private final KafkaProducer<String, byte[]> producer;
    private final byte[] contentType;

    KafkaPublisher(KafkaProducer<String, byte[]> producer, String contentType) {
        this.producer = producer;
        this.contentType = contentType.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handleBatch(List<ChangeEvent<SourceRecord, SourceRecord>> events,
                            DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> committer)
            throws InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        for (ChangeEvent<SourceRecord, SourceRecord> event : events) {
            acks.add(producer.send(toKafka(event.value())));
        }
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                // the engine stops without committing this batch's offsets; the process exits for a restart
                throw new IllegalStateException("Kafka did not acknowledge an outbox record", e.getCause());
            }
        }
        for (ChangeEvent<SourceRecord, SourceRecord> event : events) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
    }

    private ProducerRecord<String, byte[]> toKafka(SourceRecord record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header.key(), String.valueOf(header.value()).getBytes(StandardCharsets.UTF_8));
        }
        headers.add("content-type", contentType);
        return new ProducerRecord<>(record.topic(), null, (String) record.key(), payload(record), headers);
    }

    // The payload column (jsonb) arrives as its JSON text: relayed byte for byte, never re-encoded.
    private static byte[] payload(SourceRecord record) {
        if (record.value() instanceof String json) {
            return json.getBytes(StandardCharsets.UTF_8);
        }
        throw new IllegalStateException("outbox payload of " + record.key() + " is not JSON text: "
                + (record.value() == null ? "null" : record.value().getClass().getName()));
    }
}
