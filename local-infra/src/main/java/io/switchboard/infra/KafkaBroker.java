package io.switchboard.infra;

import io.switchboard.contracts.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) in its own JVM, listening on
 * loopback only. Its data directory survives {@link #stop} and {@link #kill}, so a restart resumes the same log.
 */
public final class KafkaBroker {

    private static final String READY_LINE = "Kafka Server started";

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final String heap;
    private ManagedProcess process;

    public KafkaBroker(Path dir, int port, int controllerPort, String heap) {
        this.dir = dir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.heap = heap;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return dir.resolve("broker.log");
    }

    public ManagedProcess process() {
        return process;
    }

    /** Formats the log directory on first use, starts the broker and waits until it accepts clients. */
    public KafkaBroker start(Duration timeout) {
        Ports.requireFree(port, "Kafka", "KAFKA_PORT");
        Ports.requireFree(controllerPort, "the Kafka controller", "KAFKA_CONTROLLER_PORT");
        String classpath = InfraPaths.kafkaBrokerClasspath();
        Path config = writeConfig();
        if (!Files.exists(dir.resolve("data/meta.properties"))) {
            format(classpath, config);
        }
        // the log file is per start, so the ready line we wait for is this start's
        deleteQuietly(logFile());
        process = ManagedProcess.start("Kafka broker",
                List.of(Java.binary(), Java.workDirMarker(dir), "-Xms" + heap, "-Xmx" + heap, "-XX:+UseG1GC",
                        // the pause goal Kafka's own start scripts set: every producer's acks wait out a broker pause
                        "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35",
                        // slf4j-simple is the broker's logger: INFO keeps the ready line, without per-request noise
                        "-Dorg.slf4j.simpleLogger.showDateTime=true",
                        "-Dorg.slf4j.simpleLogger.log.kafka.request.logger=warn",
                        "-cp", classpath, "kafka.Kafka", config.toString()),
                dir, logFile(), Map.of());
        process.awaitReady(() -> process.logContains(READY_LINE), timeout);
        return this;
    }

    /** Orderly shutdown (controlled, flushes and closes the log). */
    public void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
        }
    }

    /** Crash the broker (SIGKILL): what a restart test needs to prove nothing acknowledged is lost. */
    public void kill() {
        if (process != null) {
            process.kill();
        }
    }

    /** Creates the catalogue's topics that do not exist yet; existing ones are left as they are. */
    public void createTopics(List<Topic> topics) {
        createTopics(bootstrapServers(), topics);
    }

    /** Fails fast, saying what to check, when nothing answers at {@code bootstrapServers}. */
    public static void requireReachable(String bootstrapServers, Duration timeout) {
        try (Admin admin = Admin.create(adminProperties(bootstrapServers, timeout))) {
            admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new InfraException("no Kafka broker reachable at " + bootstrapServers + " within " + timeout.toSeconds()
                    + " s: start it, fix KAFKA_BOOTSTRAP_SERVERS, or unset it to use the embedded broker");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("interrupted while contacting Kafka", e);
        }
    }

    /**
     * Creates the missing topics and brings the configuration of existing ones to the catalogue's (a platform started
     * before a catalogue change keeps its data but gets, e.g., a new message size limit).
     */
    public static void createTopics(String bootstrapServers, List<Topic> topics) {
        try (Admin admin = Admin.create(adminProperties(bootstrapServers, Duration.ofSeconds(15)))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.brokerConfig()))
                    .collect(Collectors.toList());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
            Map<ConfigResource, Collection<AlterConfigOp>> updates = topics.stream()
                    .filter(t -> existing.contains(t.name()))
                    .collect(Collectors.toMap(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name()),
                            t -> t.brokerConfig().entrySet().stream()
                                    .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                                    .toList()));
            if (!updates.isEmpty()) {
                admin.incrementalAlterConfigs(updates).all().get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new InfraException("could not create topics on " + bootstrapServers + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("interrupted while creating topics", e);
        }
    }

    private static Properties adminProperties(String bootstrapServers, Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return props;
    }

    private Path writeConfig() {
        String config = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=3",
                // one node: every replication factor and min ISR is 1
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "group.initial.rebalance.delay.ms=0",
                // topics come from the catalogue only; a typo in a consumer must not create one
                "auto.create.topics.enable=false",
                // Kafka's default segment size: a rolled segment is fsynced at once, and 64 MB segments rolled every few
                // seconds under load, each fsync of pages the kernel had not written back yet stalling the disk (and
                // produce requests and PostgreSQL's WAL writes with it) for hundreds of milliseconds
                "log.segment.bytes=1073741824",
                "");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("server.properties");
            Files.writeString(file, config);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void format(String classpath, Path config) {
        Path log = dir.resolve("format.log");
        ManagedProcess formatter = ManagedProcess.start("Kafka storage format",
                List.of(Java.binary(), "-Xmx256m", "-cp", classpath, "kafka.tools.StorageTool", "format",
                        "-t", Uuid.randomUuid().toString(), "-c", config.toString()),
                dir, log, Map.of());
        formatter.awaitExit(Duration.ofSeconds(60));
        if (!Files.exists(dir.resolve("data/meta.properties"))) {
            throw new InfraException("formatting Kafka's log directory failed:\n" + formatter.logTail(20));
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale log only makes the ready check see an old line; start() fails clearly if so
        }
    }
}
