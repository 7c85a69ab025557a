package io.switchboard.credential;

import static org.awaitility.Awaitility.await;

import io.switchboard.infra.PostgresCluster;
import io.switchboard.testsupport.SharedInfra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * outbox-relay as the local platform runs it: its own JVM, on its own classpath (Debezium and Kafka Connect 4.3
 * must not meet this service's Quarkus classpath), reading the test database's outbox into the shared broker.
 */
final class RelayProcess implements AutoCloseable {

    private static final String SLOT = "credential_service_test";

    private final PostgresCluster postgres = SharedInfra.postgres();
    private final String database;
    private final Process process;

    private RelayProcess(String database, Process process) {
        this.database = database;
        this.process = process;
    }

    /** Starts the relay and waits until its replication slot streams, so every later insert is relayed. */
    static RelayProcess start(String database) {
        Path root = Path.of(System.getProperty("switchboard.root"));
        Path target = root.resolve("outbox-relay/target");
        Path log = Path.of("target", "outbox-relay-test.log").toAbsolutePath();
        try {
            String classpath = target.resolve("classes") + ":" + Files.readString(target.resolve("runtime.classpath")).trim();
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m",
                    "-cp", classpath, "io.switchboard.outbox.OutboxRelay")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("OUTBOX_DB_PORT", Integer.toString(SharedInfra.postgres().port()));
            builder.environment().put("OUTBOX_DB_NAME", database);
            builder.environment().put("OUTBOX_SLOT", SLOT);
            builder.environment().put("OUTBOX_OFFSET_DIR", Path.of("target", "relay-offsets-" + ProcessHandle.current().pid())
                    .toAbsolutePath().toString());
            builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", SharedInfra.kafka().bootstrapServers());
            RelayProcess relay = new RelayProcess(database, builder.start());
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                if (!relay.process.isAlive()) {
                    throw new IllegalStateException("outbox-relay exited, see " + log);
                }
                return relay.slotActive();
            });
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start outbox-relay: build it first (mvn -pl outbox-relay package)", e);
        }
    }

    private boolean slotActive() {
        return postgres.psql(database, "SELECT active FROM pg_replication_slots WHERE slot_name = '" + SLOT + "'").trim().equals("t");
    }

    /** Stops the relay and drops its slot: an abandoned slot would make PostgreSQL keep WAL forever. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !slotActive());
        postgres.psql(database, "SELECT pg_drop_replication_slot('" + SLOT + "')");
    }
}
