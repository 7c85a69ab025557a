package io.switchboard.ingest.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.contracts.TopicCatalogue;
import io.switchboard.ingest.config.IngestConfig;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * One plain {@link KafkaProducer} for the request path: idempotent, acks=all, no lingering by default (concurrent
 * requests batch by themselves), results through send callbacks. {@code send()} is called from the threads that complete the
 * request path's steps (event loop, deduplication writer), so nothing may make it block: topic metadata is fetched
 * before the first webhook is accepted, and unacknowledged bytes are capped well below the producer's buffer;
 * {@code max.block.ms} is only the backstop.
 */
@Singleton
public class KafkaPublisher {

    private static final Logger LOG = Logger.getLogger(KafkaPublisher.class);

    private final IngestConfig.Kafka config;
    private final MeterRegistry registry;
    private final AtomicLong inFlightBytes = new AtomicLong();
    private KafkaProducer<String, byte[]> producer;
    private KafkaClientMetrics producerMetrics;
    private Thread warmUp;
    private volatile boolean metadataReady;
    private volatile boolean failing;

    public KafkaPublisher(IngestConfig config, MeterRegistry registry) {
        this.config = config.kafka();
        this.registry = registry;
        registry.gauge("ingest.kafka.in.flight.bytes", inFlightBytes);
    }

    void start(@Observes StartupEvent event) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "webhook-ingest-service");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, (int) config.linger().toMillis());
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, config.maxInFlightRequests());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.deliveryTimeout().toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, config.deliveryTimeout().toMillis()));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.maxBlock().toMillis());
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(config.maxInFlightBytes() * 2, 32L << 20));
        // records are checked against their topic's limit before sending; the request may carry the largest of them
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(EventRecords.RAW_TOPIC.maxValueBytes(),
                EventRecords.TICKET_TOPIC.maxValueBytes()) + 4_096);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer = new KafkaProducer<>(props);
        // the producer's own figures (records per request, batch sizes, request latency) as kafka_producer_* metrics
        producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(registry);
        warmUp = new Thread(this::fetchMetadata, "kafka-metadata");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    void stop(@Observes ShutdownEvent event) {
        warmUp.interrupt();
        producerMetrics.close();
        producer.close(Duration.ofSeconds(10));
    }

    /** False when a webhook should get 503 at once: topic metadata not fetched yet, or too much unacknowledged. */
    public boolean accepting() {
        return metadataReady && inFlightBytes.get() < config.maxInFlightBytes();
    }

    /** Whether the last send failed and none succeeded since (readiness reports it). */
    public boolean failing() {
        return failing;
    }

    public long inFlightBytes() {
        return inFlightBytes.get();
    }

    /** Sends one record; {@code done} gets null once Kafka acknowledged it, or the error. May run on any thread. */
    public void send(ProducerRecord<String, byte[]> record, Consumer<Exception> done) {
        long size = record.value().length + record.key().length();
        inFlightBytes.addAndGet(size);
        try {
            producer.send(record, (metadata, error) -> {
                inFlightBytes.addAndGet(-size);
                noteOutcome(error);
                done.accept(error);
            });
        } catch (RuntimeException e) {
            inFlightBytes.addAndGet(-size);
            noteOutcome(e);
            done.accept(e);
        }
    }

    private void noteOutcome(Exception error) {
        if (error == null) {
            if (failing) {
                failing = false;
                LOG.info("Kafka acknowledges records again");
            }
        } else if (!failing) {
            failing = true;
            LOG.warnf("Kafka did not acknowledge a record: %s", error.toString());
        }
    }

    private void fetchMetadata() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                producer.partitionsFor(TopicCatalogue.TICKET_EVENTS);
                producer.partitionsFor(TopicCatalogue.RAW_WEBHOOKS);
                metadataReady = true;
                return;
            } catch (RuntimeException e) {
                LOG.debugf("topic metadata not available yet: %s", e.toString());
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
