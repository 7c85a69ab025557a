package io.switchboard.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients against a real broker: what an independent subscriber or publisher would do. */
public final class TestKafka {

    private TestKafka() {
    }

    /** Idempotent, acks=all: the producer settings every Switchboard publisher uses. */
    public static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        return producer(bootstrapServers, Map.of());
    }

    /** The same producer with some settings overridden (timeouts for restart tests, batching for benchmarks). */
    public static KafkaProducer<String, byte[]> producer(String bootstrapServers, Map<String, Object> overrides) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.putAll(overrides);
        return new KafkaProducer<>(props);
    }

    public static void send(String bootstrapServers, String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = producer(bootstrapServers)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("send to " + topic + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A consumer of every partition of the topic from the beginning, committed reads only. Partitions are assigned,
     * not subscribed, so reading starts without waiting for a group rebalance.
     */
    public static KafkaConsumer<String, byte[]> consumer(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
        consumer.assign(consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList());
        consumer.seekToBeginning(consumer.assignment());
        return consumer;
    }

    /**
     * Everything on the topic: reads until {@code quiet} passes with nothing new after the first record (a slow
     * first fetch on a loaded machine must not end the read early), or until {@code max} passes.
     */
    public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, String topic, Duration quiet, Duration max) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + max.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers, topic)) {
            long lastSeen = Long.MAX_VALUE;
            while (System.nanoTime() < deadline && (lastSeen == Long.MAX_VALUE || System.nanoTime() - lastSeen < quiet.toNanos())) {
                var batch = consumer.poll(Duration.ofMillis(200));
                if (!batch.isEmpty()) {
                    batch.forEach(records::add);
                    lastSeen = System.nanoTime();
                }
            }
        }
        return records;
    }
}
