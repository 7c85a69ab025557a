package io.switchboard.infra;

import io.switchboard.contracts.TopicCatalogue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local platform behind {@code ./switchboard up | down | status | env}: Kafka, PostgreSQL, Keycloak, the vendor
 * sandbox and the four services, each a real process on loopback, recorded by PID file in one run directory so that
 * {@code down} stops exactly what {@code up} started and {@code up} twice starts nothing twice.
 */
public final class LocalPlatform {

    /** The services in start order, each with its HTTP port setting, default port, database (if any) and heap. */
    private static final Service SANDBOX = new Service("vendor-sandbox", "SANDBOX_PORT", 18080, null, "SANDBOX_URL", "192m");
    // the webhook path allocates tens of KB per webhook: a roomier young generation means far fewer GC pauses
    private static final Service INGEST = new Service("webhook-ingest-service", "INGEST_PORT", 18082, "ingest", "INGEST_URL", "512m");
    private static final List<Service> SERVICES = List.of(
            SANDBOX,
            new Service("credential-service", "CREDENTIALS_PORT", 18081, "credentials", "CREDENTIALS_URL", "192m"),
            INGEST,
            new Service("sync-worker", "SYNC_PORT", 18083, "sync", "SYNC_URL", "192m"),
            new Service("workflow-engine", "WORKFLOWS_PORT", 18084, "workflows", "WORKFLOWS_URL", "192m"));

    private static final String OUTBOX_RELAY = "outbox-relay";
    private static final String RELAY_SLOT = "credentials_outbox";

    private final Path root = InfraPaths.root();
    private final Path runDir;
    private final Map<String, String> env;
    private final int kafkaPort;
    private final int kafkaControllerPort;
    private final int postgresPort;
    private final int keycloakPort;
    private final int keycloakManagementPort;
    /** A broker of the user's own instead of the embedded one, when KAFKA_BOOTSTRAP_SERVERS is set. */
    private final String externalKafka;

    LocalPlatform(Map<String, String> env) {
        this.env = env;
        this.runDir = Path.of(env.getOrDefault("SWITCHBOARD_RUN_DIR", root.resolve(".run").toString())).toAbsolutePath();
        this.kafkaPort = port("KAFKA_PORT", 19092);
        this.kafkaControllerPort = port("KAFKA_CONTROLLER_PORT", 19093);
        this.postgresPort = port("POSTGRES_PORT", 15432);
        this.keycloakPort = port("KEYCLOAK_PORT", 18180);
        this.keycloakManagementPort = port("KEYCLOAK_MANAGEMENT_PORT", 19180);
        String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
        this.externalKafka = bootstrap == null || bootstrap.isBlank() ? null : bootstrap.trim();
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        LocalPlatform platform = new LocalPlatform(System.getenv());
        try {
            switch (command) {
                case "up" -> platform.up();
                case "down" -> platform.down();
                case "status" -> System.exit(platform.status() ? 0 : 3);
                case "env" -> platform.printEnv();
                default -> {
                    System.err.println("usage: ./switchboard up | down | status | env");
                    System.exit(2);
                }
            }
        } catch (InfraException e) {
            System.err.println("switchboard: " + e.getMessage());
            System.exit(1);
        }
    }

    void up() {
        long started = System.nanoTime();
        PostgresCluster postgres = postgres();
        if (postgres.isRunning()) {
            say("PostgreSQL already running on " + postgresPort);
        } else {
            say("starting PostgreSQL on " + postgresPort + " ...");
            postgres.start();
        }
        SERVICES.stream().filter(s -> s.database() != null).forEach(s -> postgres.createDatabase(s.database()));

        if (externalKafka != null) {
            say("using the Kafka broker at " + externalKafka + " (KAFKA_BOOTSTRAP_SERVERS)");
            KafkaBroker.requireReachable(externalKafka, Duration.ofSeconds(10));
        } else if (alive("kafka").isPresent()) {
            say("Kafka already running on " + kafkaPort);
        } else {
            say("starting Kafka on " + kafkaPort + " ...");
            KafkaBroker broker = new KafkaBroker(runDir.resolve("kafka"), kafkaPort, kafkaControllerPort, "512m")
                    .start(Duration.ofSeconds(90));
            writePid("kafka", broker.process());
        }
        KafkaBroker.createTopics(bootstrapServers(), TopicCatalogue.topics());

        if (alive("keycloak").isPresent()) {
            say("Keycloak already running on " + keycloakPort);
        } else {
            say("starting Keycloak on " + keycloakPort + " (the first start on a machine builds it: ~80 s) ...");
            KeycloakServer keycloak = new KeycloakServer(runDir.resolve("keycloak"), keycloakPort, keycloakManagementPort)
                    .start(Duration.ofSeconds(240));
            writePid("keycloak", keycloak.process());
        }

        for (Service service : SERVICES) {
            if (alive(service.name()).isPresent()) {
                say(service.name() + " already running on " + servicePort(service));
                continue;
            }
            say("starting " + service.name() + " on " + servicePort(service) + " ...");
            writePid(service.name(), startService(service));
        }
        startOutboxRelay();
        say(String.format("all up in %.0f s. Logs: %s%n", (System.nanoTime() - started) / 1e9, runDir.resolve("logs")));
        printEnv();
        System.out.println("""

                # Get a token for the demo MSP admin (tenant demo-msp):
                #   curl -s -d grant_type=password -d client_id=switchboard-cli -d username=demo-admin -d password=demo-admin \\
                #     $KEYCLOAK_URL/realms/switchboard/protocol/openid-connect/token
                # OpenAPI UI of each service: <service URL>/q/swagger-ui ; health: /q/health ; metrics: /q/metrics""");
    }

    void down() {
        List<String> order = new ArrayList<>();
        order.add(OUTBOX_RELAY);
        SERVICES.forEach(s -> order.add(1, s.name()));
        order.add("keycloak");
        order.add("kafka");
        for (String name : order) {
            Optional<ManagedProcess> process = alive(name);
            if (process.isPresent()) {
                say("stopping " + name + " (pid " + process.get().pid() + ")");
                process.get().stop(Duration.ofSeconds(30));
            }
            deletePid(name);
        }
        PostgresCluster postgres = postgres();
        if (Files.exists(postgres.dataDir().resolve("postmaster.pid"))) {
            say("stopping PostgreSQL");
            postgres.stop();
        }
        say("down");
    }

    boolean status() {
        boolean allUp = true;
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("postgres", postgres().isRunning() ? "running  127.0.0.1:" + postgresPort : "stopped");
        rows.put("kafka", alive("kafka").map(p -> "running  " + bootstrapServers() + "  pid " + p.pid()).orElse("stopped"));
        rows.put("keycloak", alive("keycloak").map(p -> "running  " + keycloakUrl() + "  pid " + p.pid()).orElse("stopped"));
        for (Service service : SERVICES) {
            rows.put(service.name(), alive(service.name())
                    .map(p -> (new QuarkusService(service.name(), servicePort(service)).isReady() ? "running  " : "starting ") + serviceUrl(service) + "  pid " + p.pid())
                    .orElse("stopped"));
        }
        rows.put(OUTBOX_RELAY, alive(OUTBOX_RELAY).map(p -> "running  credentials outbox -> Kafka  pid " + p.pid()).orElse("stopped"));
        for (Map.Entry<String, String> row : rows.entrySet()) {
            allUp &= row.getValue().startsWith("running");
            System.out.printf("%-24s %s%n", row.getKey(), row.getValue());
        }
        return allUp;
    }

    void printEnv() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        vars.put("POSTGRES_URL", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/");
        vars.put("KEYCLOAK_URL", keycloakUrl());
        vars.put("KEYCLOAK_REALM_URL", keycloakUrl() + "/realms/" + KeycloakServer.REALM);
        SERVICES.forEach(s -> vars.put(s.urlVariable(), serviceUrl(s)));
        vars.put("SANDBOX_TLS_URL", "https://127.0.0.1:" + port("SANDBOX_TLS_PORT", 18443));
        vars.forEach((k, v) -> System.out.println("export " + k + "=" + shellQuote(v)));
        printSandboxCredentials(serviceUrl(SANDBOX));
    }

    /** The sandbox owns its demo tenant; we print what it says rather than a copy that could drift. */
    private void printSandboxCredentials(String sandboxUrl) {
        Optional<String> exports = QuarkusService.httpGet(sandboxUrl + "/_sandbox/demo-tenant/env");
        if (exports.isPresent()) {
            System.out.print(exports.get());
        } else {
            System.out.println("# vendor sandbox not running: its demo tenant credentials appear here after ./switchboard up");
        }
    }

    /**
     * The Debezium relay of credential-service's outbox to Kafka, a process of its own (Debezium's Kafka Connect
     * stack must stay out of the Quarkus services). Started after credential-service, whose migrations create the
     * outbox table; ready once its replication slot is active.
     */
    private void startOutboxRelay() {
        if (alive(OUTBOX_RELAY).isPresent()) {
            say(OUTBOX_RELAY + " already running");
            return;
        }
        say("starting " + OUTBOX_RELAY + " ...");
        Path module = root.resolve(OUTBOX_RELAY);
        String classpath;
        try {
            classpath = module.resolve("target/classes") + ":" + Files.readString(module.resolve("target/runtime.classpath")).trim();
        } catch (IOException e) {
            throw new InfraException(OUTBOX_RELAY + " is not built: run `./mvnw -DskipTests package` (./switchboard up does)", e);
        }
        Map<String, String> relayEnv = Map.of(
                "OUTBOX_DB_HOST", "127.0.0.1", "OUTBOX_DB_PORT", Integer.toString(postgresPort),
                "OUTBOX_DB_NAME", "credentials", "OUTBOX_DB_USER", PostgresCluster.USER,
                "OUTBOX_SLOT", RELAY_SLOT, "OUTBOX_OFFSET_DIR", runDir.resolve(OUTBOX_RELAY).toString(),
                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        ManagedProcess relay = ManagedProcess.start(OUTBOX_RELAY,
                List.of(Java.binary(), Java.workDirMarker(runDir), "-Xmx" + env.getOrDefault("SERVICE_HEAP", "192m"), "-cp", classpath,
                        "io.switchboard.outbox.OutboxRelay"),
                runDir, runDir.resolve("logs").resolve(OUTBOX_RELAY + ".log"), relayEnv);
        writePid(OUTBOX_RELAY, relay);
        PostgresCluster postgres = postgres();
        relay.awaitReady(() -> postgres.psql("credentials",
                "SELECT count(*) FROM pg_replication_slots WHERE active AND slot_name = '" + RELAY_SLOT + "'").trim().equals("1"),
                Duration.ofSeconds(60));
    }

    private ManagedProcess startService(Service service) {
        Map<String, String> serviceEnv = new LinkedHashMap<>();
        serviceEnv.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        serviceEnv.put("OIDC_AUTH_SERVER_URL", keycloakUrl() + "/realms/" + KeycloakServer.REALM);
        // services find each other by these, so a changed port setting reaches every caller
        SERVICES.forEach(s -> serviceEnv.put(s.urlVariable(), serviceUrl(s)));
        // where vendors send webhooks: this machine unless the user exposes the ingest service elsewhere (a tunnel)
        serviceEnv.put("INGEST_PUBLIC_URL", env.getOrDefault("INGEST_PUBLIC_URL", serviceUrl(INGEST)));
        if (service == SANDBOX) {
            serviceEnv.put("SANDBOX_TLS_PORT", Integer.toString(port("SANDBOX_TLS_PORT", 18443)));
        }
        if (service.database() != null) {
            serviceEnv.put("QUARKUS_DATASOURCE_JDBC_URL", postgres().jdbcUrl(service.database()));
            serviceEnv.put("QUARKUS_DATASOURCE_USERNAME", PostgresCluster.USER);
            serviceEnv.put("QUARKUS_DATASOURCE_PASSWORD", "");
        }
        return new QuarkusService(service.name(), servicePort(service), runDir.resolve("apps")).start(serviceEnv,
                env.getOrDefault("SERVICE_HEAP", service.heap()), runDir, runDir.resolve("logs").resolve(service.name() + ".log"),
                service.portVariable(), Duration.ofSeconds(90));
    }

    private PostgresCluster postgres() {
        return new PostgresCluster(runDir.resolve("postgres"), postgresPort, false);
    }

    private String bootstrapServers() {
        return externalKafka != null ? externalKafka : "127.0.0.1:" + kafkaPort;
    }

    private String keycloakUrl() {
        return "http://127.0.0.1:" + keycloakPort;
    }

    private int servicePort(Service service) {
        return port(service.portVariable(), service.defaultPort());
    }

    private String serviceUrl(Service service) {
        return "http://127.0.0.1:" + servicePort(service);
    }

    private int port(String variable, int defaultPort) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new InfraException(variable + "=" + value + " is not a TCP port (1-65535)");
        }
    }

    private Path pidFile(String name) {
        return runDir.resolve("pids").resolve(name + ".pid");
    }

    private void writePid(String name, ManagedProcess process) {
        try {
            Files.createDirectories(pidFile(name).getParent());
            Files.writeString(pidFile(name), process.pid() + "\n" + process.logFile() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deletePid(String name) {
        try {
            Files.deleteIfExists(pidFile(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The process recorded for {@code name}, if it still runs and still is ours: a recycled PID belongs to some
     * other program, whose command line does not mention our run directory or jar.
     */
    private Optional<ManagedProcess> alive(String name) {
        Path file = pidFile(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file);
            long pid = Long.parseLong(lines.get(0).trim());
            Path log = Path.of(lines.get(1).trim());
            return ProcessHandle.of(pid)
                    .filter(h -> h.info().commandLine().map(c -> c.contains(runDir.toString()) || c.contains(root.toString())
                            || c.contains(InfraPaths.cacheDir().toString())).orElse(true))
                    .flatMap(h -> ManagedProcess.attach(name, pid, log));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String shellQuote(String value) {
        return value.matches("[A-Za-z0-9_./:@%+=,-]*") ? value : "'" + value.replace("'", "'\\''") + "'";
    }

    private static void say(String message) {
        System.err.println("switchboard: " + message);
    }

    private record Service(String name, String portVariable, int defaultPort, String database, String urlVariable, String heap) {
    }
}
