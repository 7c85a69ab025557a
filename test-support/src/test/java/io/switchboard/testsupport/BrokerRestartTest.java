package io.switchboard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.contracts.Topic;
import io.switchboard.infra.KafkaBroker;
import io.switchboard.infra.Ports;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The broker crashes (SIGKILL) in the middle of a stream and comes back on the same log: an idempotent producer
 * with acks=all must end with every record on the topic exactly once and, per key, in the order sent.
 */
class BrokerRestartTest {

    private static final int RECORDS = 20_000;
    private static final int KEYS = 50;
    private static final String TOPIC = "restart-test";

    private KafkaBroker broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.kill();
        }
    }

    @Test
    void crashMidStreamLosesAndDuplicatesNothing() throws Exception {
        Path dir = Path.of("target", "infra", "restart-" + ProcessHandle.current().pid());
        broker = new KafkaBroker(dir, Ports.free(), Ports.free(), "384m").start(Duration.ofSeconds(90));
        broker.createTopics(List.of(new Topic(TOPIC, 3, "delete", 3_600_000L, null, "k", List.of(), List.of(), List.of(), "test")));

        List<Future<RecordMetadata>> acks = new ArrayList<>();
        // the crash and the restart happen beside the sender, which may block while the broker is away
        CompletableFuture<Void> crashAndRestart = CompletableFuture.runAsync(() -> {
            sleep(1500);
            broker.kill();
            sleep(1500);
            broker.start(Duration.ofSeconds(90));
        });
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer(broker.bootstrapServers(), Map.of(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 180_000,
                ProducerConfig.LINGER_MS_CONFIG, 5))) {
            for (int i = 0; i < RECORDS; i++) {
                acks.add(producer.send(new ProducerRecord<>(TOPIC, "key-" + (i % KEYS), ByteBuffer.allocate(4).putInt(i).array())));
                if (i % 100 == 0) {
                    sleep(20); // spread the stream over ~4 s so the crash lands in the middle of it
                }
            }
            crashAndRestart.get(120, TimeUnit.SECONDS);
            producer.flush();
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get(60, TimeUnit.SECONDS); // every send was acknowledged, none failed
        }

        List<ConsumerRecord<String, byte[]>> records =
                TestKafka.readAll(broker.bootstrapServers(), TOPIC, Duration.ofSeconds(3), Duration.ofSeconds(60));
        int[] seen = new int[RECORDS];
        Map<String, Integer> lastPerKey = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            int value = ByteBuffer.wrap(record.value()).getInt();
            seen[value]++;
            Integer previous = lastPerKey.put(record.key(), value);
            assertThat(previous == null || previous < value)
                    .as("order of %s: %s after %s", record.key(), value, previous).isTrue();
        }
        assertThat(records).hasSize(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            assertThat(seen[i]).as("copies of record %d", i).isEqualTo(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
