package io.switchboard.ingest.support;

import io.switchboard.contracts.CloudEvent;
import io.switchboard.contracts.CloudEventCodec;
import io.switchboard.testsupport.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What is on a topic, read by a plain consumer, as an independent subscriber would. */
public final class Topics {

    private Topics() {
    }

    /** Every record of the topic whose CloudEvent belongs to the connection, each validated against the contract. */
    public static List<ConsumerRecord<String, byte[]>> records(String topic, String connectionId) {
        return TestKafka.readAll(IngestTestResource.bootstrapServers(), topic, Duration.ofSeconds(2), Duration.ofSeconds(30)).stream()
                .filter(r -> r.value() != null && connectionId.equals(CloudEventCodec.fromBytes(r.value()).data().path("connectionId").asText()))
                .toList();
    }

    /** The records' events, each validated against the envelope and data schemas (throws on any violation). */
    public static List<CloudEvent> events(String topic, String connectionId) {
        return records(topic, connectionId).stream().map(r -> CloudEventCodec.fromBytesValidated(r.value())).toList();
    }

    /** The sum of the topic's end offsets: unchanged means nothing was written. */
    public static long endOffsets(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, IngestTestResource.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            return ends.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
