package io.switchboard.outbox;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Everything the relay needs, read from environment variables (see {@link #fromEnv}), and the Debezium and Kafka
 * producer properties derived from it.
 *
 * @param slot        logical replication slot; one slot per offset file, so the file is named after it
 * @param routeField  outbox column whose value is the destination topic
 * @param contentType value of the {@code content-type} header on every record (the payloads are CloudEvents)
 */
public record RelaySettings(
        String dbHost,
        int dbPort,
        String dbName,
        String dbUser,
        String dbPassword,
        String table,
        String slot,
        String publication,
        Path offsetDir,
        String bootstrapServers,
        String routeField,
        String contentType) {

    public static final String DEFAULT_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    /**
     * Defaults match the local platform (credential-service's database on 127.0.0.1:15432, broker on 19092).
     */
    public static RelaySettings fromEnv(Map<String, String> env) {
        String slot = env.getOrDefault("OUTBOX_SLOT", "credentials_outbox");
        return new RelaySettings(
                env.getOrDefault("OUTBOX_DB_HOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("OUTBOX_DB_PORT", "15432")),
                env.getOrDefault("OUTBOX_DB_NAME", "credentials"),
                env.getOrDefault("OUTBOX_DB_USER", "app"),
                env.getOrDefault("OUTBOX_DB_PASSWORD", ""),
                env.getOrDefault("OUTBOX_TABLE", "public.outbox_event"),
                slot,
                env.getOrDefault("OUTBOX_PUBLICATION", slot + "_pub"),
                Path.of(env.getOrDefault("OUTBOX_OFFSET_DIR", "outbox-relay-offsets")).toAbsolutePath(),
                env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"),
                env.getOrDefault("OUTBOX_ROUTE_BY_FIELD", "aggregatetype"),
                env.getOrDefault("OUTBOX_CONTENT_TYPE", DEFAULT_CONTENT_TYPE));
    }

    public Path offsetFile() {
        return offsetDir.resolve(slot + ".offsets");
    }

    Properties debezium() {
        Properties props = new Properties();
        props.setProperty("name", "outbox-relay-" + slot);
        props.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        props.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        props.setProperty("offset.storage.file.filename", offsetFile().toString());
        // commit offsets after every acknowledged batch: fewer replays after a restart
        props.setProperty("offset.flush.interval.ms", "0");
        props.setProperty("database.hostname", dbHost);
        props.setProperty("database.port", Integer.toString(dbPort));
        props.setProperty("database.user", dbUser);
        props.setProperty("database.password", dbPassword);
        props.setProperty("database.dbname", dbName);
        // required by Debezium; unused because the EventRouter names every record's topic
        props.setProperty("topic.prefix", "outbox-relay");
        props.setProperty("plugin.name", "pgoutput");
        props.setProperty("slot.name", slot);
        props.setProperty("publication.name", publication);
        props.setProperty("publication.autocreate.mode", "filtered");
        props.setProperty("table.include.list", table);
        // the outbox is a stream of new rows: existing rows were either relayed already or predate the relay
        props.setProperty("snapshot.mode", "no_data");
        // a tombstone of an outbox row would delete the aggregate's key on a compacted topic
        props.setProperty("tombstones.on.delete", "false");
        props.setProperty("transforms", "outbox");
        props.setProperty("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
        props.setProperty("transforms.outbox.route.by.field", routeField);
        props.setProperty("transforms.outbox.route.topic.replacement", "${routedByValue}");
        props.setProperty("transforms.outbox.table.field.event.key", "aggregateid");
        props.setProperty("transforms.outbox.table.field.event.payload", "payload");
        props.setProperty("transforms.outbox.table.fields.additional.placement", "type:header:eventType");
        return props;
    }

    Properties producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + slot);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }

    /** For logs: every setting but the password. */
    @Override
    public String toString() {
        return "db=" + dbUser + "@" + dbHost + ":" + dbPort + "/" + dbName + " table=" + table + " slot=" + slot
                + " publication=" + publication + " offsets=" + offsetFile() + " kafka=" + bootstrapServers
                + " route-by=" + routeField;
    }
}
