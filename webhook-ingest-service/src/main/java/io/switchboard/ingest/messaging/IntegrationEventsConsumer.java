package io.switchboard.ingest.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.contracts.CloudEvent;
import io.switchboard.contracts.CloudEventCodec;
import io.switchboard.contracts.EventTypes;
import io.switchboard.contracts.InvalidEventException;
import io.switchboard.contracts.TopicCatalogue;
import io.switchboard.contracts.payload.IntegrationEvent;
import io.switchboard.ingest.config.IngestConfig;
import io.switchboard.ingest.service.Registrar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.jboss.logging.Logger;

/**
 * Connection events from {@code integrations.v1} (consumer group {@code webhook-ingest-service}: one instance handles
 * each connection). Offsets are committed only after the event is stored; a record that cannot be stored is retried,
 * never skipped. Invalid records are logged and skipped: they would never become valid.
 */
@ApplicationScoped
public class IntegrationEventsConsumer {

    private static final Logger LOG = Logger.getLogger(IntegrationEventsConsumer.class);

    private final Registrar registrar;
    private final IngestConfig.Kafka config;
    private ConsumerThread consumer;

    public IntegrationEventsConsumer(Registrar registrar, IngestConfig config) {
        this.registrar = registrar;
        this.config = config.kafka();
    }

    void start(@Observes StartupEvent event) {
        consumer = new ConsumerThread("integration-events", config.bootstrapServers(), Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, EventRecords.SERVICE,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), this::run);
        consumer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        consumer.stop();
    }

    private void run(KafkaConsumer<String, byte[]> consumer) {
        consumer.subscribe(List.of(TopicCatalogue.INTEGRATIONS));
        while (true) {
            var records = consumer.poll(Duration.ofSeconds(1));
            for (ConsumerRecord<String, byte[]> record : records) {
                handleUntilStored(record);
            }
            if (!records.isEmpty()) {
                consumer.commitSync();
            }
        }
    }

    private void handleUntilStored(ConsumerRecord<String, byte[]> record) {
        for (int attempt = 1; ; attempt++) {
            try {
                handle(record);
                return;
            } catch (InvalidEventException | IllegalArgumentException e) {
                LOG.warnf("skipping invalid record on %s partition %d offset %d: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                return;
            } catch (RuntimeException e) {
                LOG.warnf("storing connection event at offset %d failed (attempt %d), retrying: %s", record.offset(), attempt,
                        e.getMessage());
                consumer.backOff(Math.min(30_000L, 500L * attempt));
            }
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            // tombstone: key tenant:connectionId
            String key = record.key() == null ? "" : record.key();
            int colon = key.indexOf(':');
            if (colon > 0) {
                registrar.onConnectionDeleted(key.substring(colon + 1));
            }
            return;
        }
        CloudEvent event = CloudEventCodec.fromBytesValidated(record.value());
        if (EventTypes.INTEGRATION.equals(event.type())) {
            registrar.onConnectionEvent(event.data(IntegrationEvent.class));
        }
    }
}
