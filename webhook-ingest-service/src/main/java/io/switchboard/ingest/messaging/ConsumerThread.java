package io.switchboard.ingest.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A Kafka consumer polled on a daemon thread of its own (a consumer is not thread-safe, and the topics it follows are
 * read from the beginning without committing automatically); {@link #stop()} wakes it and waits for it to close.
 */
final class ConsumerThread {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;

    /**
     * @param name     the thread's name, also the end of the client id
     * @param settings consumer settings beyond the shared ones (group, isolation level)
     * @param loop     polls until the consumer is woken: its {@link WakeupException} ends the thread
     */
    ConsumerThread(String name, String bootstrapServers, Map<String, Object> settings,
                   Consumer<KafkaConsumer<String, byte[]>> loop) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, EventRecords.SERVICE + "-" + name);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.putAll(settings);
        consumer = new KafkaConsumer<>(props);
        thread = new Thread(() -> {
            try {
                loop.accept(consumer);
            } catch (WakeupException e) {
                // shutting down
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
