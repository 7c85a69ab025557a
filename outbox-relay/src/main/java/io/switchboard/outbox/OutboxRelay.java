package io.switchboard.outbox;

import io.debezium.embedded.Connect;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays rows of an outbox table to Kafka: Debezium's embedded PostgreSQL connector reads the table's inserts
 * from the logical replication stream (pgoutput), the EventRouter turns each row into a record (topic from the
 * routing column, key = aggregateid, value = payload as written), and {@link KafkaPublisher} publishes it with an
 * idempotent acks=all producer. Offsets are kept in a file, so a restarted relay continues where it stopped,
 * including rows written while it was down.
 *
 * <p>Run: {@code java -cp outbox-relay/target/classes:$(cat outbox-relay/target/runtime.classpath)
 * io.switchboard.outbox.OutboxRelay}, configured by the environment variables of {@link RelaySettings#fromEnv}.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final RelaySettings settings;
    private final KafkaProducer<String, byte[]> producer;
    private final DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Throwable failure;

    public OutboxRelay(RelaySettings settings) {
        this.settings = settings;
        try {
            Files.createDirectories(settings.offsetDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the offset directory " + settings.offsetDir(), e);
        }
        this.producer = new KafkaProducer<>(settings.producer());
        this.engine = DebeziumEngine.create(Connect.class)
                .using(settings.debezium())
                .notifying(new KafkaPublisher(producer, settings.contentType()))
                .using((success, message, error) -> {
                    if (!success) {
                        failure = error != null ? error : new IllegalStateException(message);
                        LOG.error("outbox relay stopped: {}", message, error);
                    }
                    stopped.countDown();
                })
                .build();
    }

    public static void main(String[] args) throws InterruptedException {
        RelaySettings settings = RelaySettings.fromEnv(System.getenv());
        OutboxRelay relay = new OutboxRelay(settings).start();
        Runtime.getRuntime().addShutdownHook(new Thread(relay::close, "outbox-relay-shutdown"));
        relay.awaitStop();
        // a failed engine exits non-zero so a supervisor restarts it; unacknowledged batches are replayed
        System.exit(relay.failure == null ? 0 : 1);
    }

    public OutboxRelay start() {
        LOG.info("outbox relay starting: {}", settings);
        executor.execute(engine);
        return this;
    }

    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        try {
            engine.close();
            stopped.await();
        } catch (IOException e) {
            LOG.warn("closing the Debezium engine failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            executor.shutdown();
            producer.close();
        }
    }
}
