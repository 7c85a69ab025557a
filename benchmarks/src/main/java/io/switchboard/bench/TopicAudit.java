package io.switchboard.bench;

import io.switchboard.contracts.CloudEventCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads what a run added to a topic: how many records, their distinct CloudEvent ids, their mean size. */
final class TopicAudit implements AutoCloseable {

    record Counts(long records, Set<String> ids, double meanValueBytes) {
        long distinctIds() {
            return ids.size();
        }

        long duplicates() {
            return records - ids.size();
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;

    TopicAudit(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
    }

    /** End offsets now: the start line of a run. */
    Map<TopicPartition, Long> endOffsets() {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        return new HashMap<>(consumer.endOffsets(partitions));
    }

    Counts countSince(Map<TopicPartition, Long> start) {
        return countBetween(start, endOffsets());
    }

    /** Records from {@code start} up to (not including) {@code end}. */
    Counts countBetween(Map<TopicPartition, Long> start, Map<TopicPartition, Long> end) {
        consumer.assign(start.keySet());
        start.forEach(consumer::seek);
        Set<String> ids = new HashSet<>();
        long records = 0;
        long bytes = 0;
        while (start.keySet().stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                    continue;
                }
                records++;
                bytes += record.value().length;
                ids.add(CloudEventCodec.readTree(record.value()).path("id").asText());
            }
        }
        return new Counts(records, ids, records == 0 ? 0 : (double) bytes / records);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
