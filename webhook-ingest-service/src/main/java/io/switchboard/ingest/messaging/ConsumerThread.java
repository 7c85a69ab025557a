package io.switchboard.ingest.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A Kafka consumer polled on a daemon thread of its own (a consumer is not thread-safe, and the topics it follows are
 * read from the beginning without committing automatically); {@link #stop()} wakes it and waits for it to close. A loop
 * that retries waits through {@link #backOff}, which ends it once stopping: a loop retrying past its service's
 * shutdown would keep its group membership, and with it partitions no other instance could read, for minutes.
 */
final class ConsumerThread {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final CountDownLatch stopping = new CountDownLatch(1);

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
    }

    /** Starts polling; separate from construction so that the owner holds this object before its loop runs. */
    void start() {
        thread.start();
    }

    /** Waits before the loop retries something; ends the loop (as a wake-up does) when stopping meanwhile. */
    void backOff(long millis) {
        try {
            if (stopping.await(millis, TimeUnit.MILLISECONDS)) {
                throw new WakeupException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    void stop() {
        stopping.countDown();
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
