package io.switchboard.ingest.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.contracts.CloudEventCodec;
import io.switchboard.contracts.EventKeys;
import io.switchboard.contracts.EventTypes;
import io.switchboard.contracts.InvalidEventException;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.TopicCatalogue;
import io.switchboard.contracts.Vendor;
import io.switchboard.contracts.payload.ReferenceRecord;
import io.switchboard.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Names of synced vendor records (statuses, priorities, queues, companies, members), read from the compacted
 * {@code reference.*.v1} topics that list this service as a consumer, into memory: every instance reads them whole
 * from the beginning (no consumer group) and keeps following them. Labels are a convenience: an event carries ids
 * always, and labels once the sync has published them.
 */
@ApplicationScoped
public class ReferenceLabels {

    private static final Logger LOG = Logger.getLogger(ReferenceLabels.class);

    private final IngestConfig.Kafka config;
    /** {@code kind|tenant:vendor:id} → name. */
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private ConsumerThread consumer;

    public ReferenceLabels(IngestConfig config) {
        this.config = config.kafka();
    }

    void start(@Observes StartupEvent event) {
        consumer = new ConsumerThread("reference-labels", config.bootstrapServers(), Map.of(), this::run);
        consumer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        consumer.stop();
    }

    public Optional<String> label(ReferenceRecord.Kind kind, String tenant, Vendor vendor, String id) {
        if (id == null || id.isBlank() || id.indexOf(':') >= 0) {
            return Optional.empty(); // not a reference key part: nothing synced can match it
        }
        return Optional.ofNullable(names.get(kind.topic() + "|" + EventKeys.reference(tenant, vendor, id)));
    }

    /** The reference topics the catalogue names this service a consumer of. */
    static List<String> topics() {
        return TopicCatalogue.topics().stream()
                .filter(t -> t.eventTypes().contains(EventTypes.REFERENCE) && t.consumers().contains(EventRecords.SERVICE))
                .map(Topic::name)
                .toList();
    }

    private void run(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = assignAll(consumer);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        while (true) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                apply(record);
            }
        }
    }

    /** Waits for the topics' partitions (the broker may come up after us). */
    private static List<TopicPartition> assignAll(KafkaConsumer<String, byte[]> consumer) {
        while (true) {
            try {
                return topics().stream()
                        .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                                .map(p -> new TopicPartition(topic, p.partition())))
                        .toList();
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                LOG.debugf("reference topics not reachable yet: %s", e.toString());
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        String key = record.topic() + "|" + record.key();
        if (record.value() == null) {
            names.remove(key); // tombstone: removed at the vendor
            return;
        }
        try {
            ReferenceRecord reference = CloudEventCodec.fromBytes(record.value()).data(ReferenceRecord.class);
            if (reference.name() != null) {
                names.put(key, reference.name());
            }
        } catch (InvalidEventException e) {
            LOG.warnf("skipping an unreadable record on %s at offset %d: %s", record.topic(), record.offset(), e.getMessage());
        }
    }
}
