package io.switchboard.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.contracts.TopicCatalogue;
import io.switchboard.infra.KafkaBroker;
import io.switchboard.infra.Ports;
import io.switchboard.infra.PostgresCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The relay against a real PostgreSQL (logical replication) and a real Kafka broker. */
class OutboxRelayTest {

    private static final String DB = "relay";
    private static final String TOPIC = TopicCatalogue.INTEGRATIONS;
    private static final Path WORK = Path.of("target", "infra").toAbsolutePath();

    private static PostgresCluster postgres;
    private static KafkaBroker kafka;
    private static RelaySettings settings;

    @BeforeAll
    static void startInfra() {
        long pid = ProcessHandle.current().pid();
        postgres = new PostgresCluster(WORK.resolve("postgres-" + pid), Ports.free(), true).start();
        postgres.createDatabase(DB);
        postgres.psql(DB, """
                CREATE TABLE outbox_event (
                  id uuid PRIMARY KEY, aggregatetype text NOT NULL, aggregateid text NOT NULL,
                  type text NOT NULL, payload jsonb NOT NULL)""");
        kafka = new KafkaBroker(WORK.resolve("kafka-" + pid), Ports.free(), Ports.free(), "384m").start(Duration.ofSeconds(90));
        kafka.createTopics(TopicCatalogue.topics());
        settings = RelaySettings.fromEnv(Map.of(
                "OUTBOX_DB_PORT", Integer.toString(postgres.port()),
                "OUTBOX_DB_NAME", DB,
                "OUTBOX_SLOT", "relay_test",
                "OUTBOX_OFFSET_DIR", WORK.resolve("relay-offsets-" + pid).toString(),
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()));
    }

    @AfterAll
    static void stopInfra() {
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.destroy();
        }
    }

    @Test
    void relaysInsertsAndCatchesUpOnRowsWrittenWhileDown() {
        try (OutboxRelay relay = new OutboxRelay(settings).start()) {
            awaitSlotActive(true);
            String id = insert("acme-msp:conn-1", "{\"id\": \"evt-1\", \"data\": {\"n\": 1}}");

            ConsumerRecord<String, byte[]> record = awaitRecord(id);
            assertThat(record.topic()).isEqualTo(TOPIC);
            assertThat(record.key()).isEqualTo("acme-msp:conn-1");
            // jsonb's canonical text, unchanged by the relay
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"id\": \"evt-1\", \"data\": {\"n\": 1}}");
            assertThat(header(record, "content-type")).isEqualTo(RelaySettings.DEFAULT_CONTENT_TYPE);
            assertThat(header(record, "eventType")).isEqualTo("io.switchboard.integration.v1");
        }
        awaitSlotActive(false);

        String whileDown1 = insert("acme-msp:conn-2", "{\"n\": 2}");
        String whileDown2 = insert("other-msp:conn-3", "{\"n\": 3}");

        try (OutboxRelay relay = new OutboxRelay(settings).start()) {
            assertThat(awaitRecord(whileDown1).key()).isEqualTo("acme-msp:conn-2");
            assertThat(awaitRecord(whileDown2).key()).isEqualTo("other-msp:conn-3");
        }
    }

    private static String insert(String aggregateId, String payload) {
        String id = UUID.randomUUID().toString();
        postgres.psql(DB, "INSERT INTO outbox_event VALUES ('" + id + "', '" + TOPIC + "', '" + aggregateId
                + "', 'io.switchboard.integration.v1', '" + payload + "')");
        return id;
    }

    private static void awaitSlotActive(boolean active) {
        await().atMost(Duration.ofSeconds(60)).until(() -> postgres.psql(DB,
                "SELECT active FROM pg_replication_slots WHERE slot_name = '" + settings.slot() + "'").trim()
                .equals(active ? "t" : "f"));
    }

    /** The record whose {@code id} header (the outbox row id, set by the EventRouter) is {@code rowId}. */
    private static ConsumerRecord<String, byte[]> awaitRecord(String rowId) {
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            return await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().filter(r -> rowId.equals(header(r, "id"))).findFirst().orElse(null);
            }, r -> r != null);
        }
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
        consumer.assign(consumer.partitionsFor(TOPIC).stream().map(p -> new TopicPartition(TOPIC, p.partition())).toList());
        consumer.seekToBeginning(consumer.assignment());
        return consumer;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
