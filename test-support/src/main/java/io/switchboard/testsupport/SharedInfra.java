package io.switchboard.testsupport;

import io.switchboard.contracts.TopicCatalogue;
import io.switchboard.infra.KafkaBroker;
import io.switchboard.infra.KeycloakServer;
import io.switchboard.infra.ManagedProcess;
import io.switchboard.infra.Ports;
import io.switchboard.infra.PostgresCluster;
import io.switchboard.infra.QuarkusService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One broker, one throwaway PostgreSQL cluster and one Keycloak per test JVM, started on first use on free ports
 * (so a running ./switchboard platform is never touched) and stopped when the JVM exits. Starting them once per
 * module rather than per test class keeps the suite within its time budget.
 *
 * <p>Quarkus runs each test profile in a class loader of its own, where this class starts over with empty fields.
 * So what is started is also recorded JVM-wide (system properties {@code switchboard.shared.*}), and a later class
 * loader attaches to the running processes instead of starting them twice.
 */
public final class SharedInfra {

    private static KafkaBroker kafka;
    private static PostgresCluster postgres;
    private static KeycloakServer keycloak;
    private static QuarkusService sandbox;
    private static QuarkusService credentialService;

    private SharedInfra() {
    }

    /** A running broker with every catalogue topic created. */
    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            String[] known = recorded("kafka");
            if (known != null) {
                kafka = new KafkaBroker(Path.of(known[0]), Integer.parseInt(known[1]), Integer.parseInt(known[2]), "512m");
            } else {
                Path dir = workDir("kafka-" + ProcessHandle.current().pid());
                int port = Ports.free();
                int controllerPort = Ports.free();
                KafkaBroker broker = new KafkaBroker(dir, port, controllerPort, "512m");
                Runtime.getRuntime().addShutdownHook(new Thread(broker::kill));
                broker.start(Duration.ofSeconds(90));
                broker.createTopics(TopicCatalogue.topics());
                record("kafka", dir.toString(), Integer.toString(port), Integer.toString(controllerPort));
                kafka = broker;
            }
        }
        return kafka;
    }

    /** A running throwaway cluster (fsync off), removed when the JVM exits. */
    public static synchronized PostgresCluster postgres() {
        if (postgres == null) {
            String[] known = recorded("postgres");
            if (known != null) {
                postgres = new PostgresCluster(Path.of(known[0]), Integer.parseInt(known[1]), true);
            } else {
                Path dir = workDir("postgres-" + ProcessHandle.current().pid());
                int port = Ports.free();
                PostgresCluster cluster = new PostgresCluster(dir, port, true);
                Runtime.getRuntime().addShutdownHook(new Thread(cluster::destroy));
                cluster.start();
                record("postgres", dir.toString(), Integer.toString(port));
                postgres = cluster;
            }
        }
        return postgres;
    }

    /** A running Keycloak with the switchboard realm imported from deploy/keycloak. */
    public static synchronized KeycloakServer keycloak() {
        if (keycloak == null) {
            String[] known = recorded("keycloak");
            if (known != null) {
                keycloak = new KeycloakServer(Path.of(known[0]), Integer.parseInt(known[1]), Integer.parseInt(known[2]));
            } else {
                Path dir = workDir("keycloak");
                int port = Ports.free();
                int managementPort = Ports.free();
                KeycloakServer server = new KeycloakServer(dir, port, managementPort);
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
                server.start(Duration.ofSeconds(300));
                record("keycloak", dir.toString(), Integer.toString(port), Integer.toString(managementPort));
                keycloak = server;
            }
        }
        return keycloak;
    }

    /**
     * The vendor sandbox, run from its packaged jar (a module whose tests use it declares a test dependency on
     * vendor-sandbox so the build packages it first). Tests that change its state reset it through
     * {@code POST /_sandbox/reset}.
     */
    public static synchronized QuarkusService sandbox() {
        if (sandbox == null) {
            String[] known = recorded("sandbox");
            if (known != null) {
                sandbox = new QuarkusService("vendor-sandbox", Integer.parseInt(known[0]));
            } else {
                int port = Ports.free();
                QuarkusService server = new QuarkusService("vendor-sandbox", port);
                Path dir = workDir("vendor-sandbox-" + ProcessHandle.current().pid());
                ManagedProcess process = server.start(
                        Map.of("SANDBOX_TLS_PORT", Integer.toString(Ports.free()), "SANDBOX_TLS_DIR", dir.resolve("tls").toString()),
                        "256m", Path.of("target").toAbsolutePath(), dir.resolve("sandbox.log"), "SANDBOX_PORT", Duration.ofSeconds(60));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> process.stop(Duration.ofSeconds(10))));
                record("sandbox", Integer.toString(port));
                sandbox = server;
            }
        }
        return sandbox;
    }

    /**
     * The sandbox under its other name: a second vendor site (the same server and data) for tests of a connection
     * that moves from one site to another.
     */
    public static String sandboxAlias() {
        return sandbox().url().replace("127.0.0.1", "localhost");
    }

    /**
     * credential-service, run from a copy of its packaged app (a module whose tests use it declares a test dependency on
     * credential-service so the build packages it first), with a database of its own in the shared cluster, the
     * shared Keycloak, and the sandbox's origins (under both its names) accepted as connection URLs. Its internal API
     * takes the service tokens of {@link Tokens#service}; connections are created with a demo user's token
     * ({@link Tokens#user}).
     */
    public static synchronized QuarkusService credentialService() {
        if (credentialService == null) {
            String[] known = recorded("credential-service");
            if (known != null) {
                credentialService = new QuarkusService("credential-service", Integer.parseInt(known[0]));
            } else {
                PostgresCluster cluster = postgres();
                cluster.createDatabase("credentials");
                String realm = keycloak().realmUrl();
                String sandboxUrl = sandbox().url();
                int port = Ports.free();
                Path dir = workDir("credential-service-" + ProcessHandle.current().pid());
                // a copy: credential-service's own build may rewrite its target/quarkus-app while these tests run
                QuarkusService server = new QuarkusService("credential-service", port, dir.resolve("app"));
                ManagedProcess process = server.start(Map.of(
                                "QUARKUS_DATASOURCE_JDBC_URL", cluster.jdbcUrl("credentials"),
                                "QUARKUS_DATASOURCE_USERNAME", PostgresCluster.USER,
                                "QUARKUS_DATASOURCE_PASSWORD", "",
                                "OIDC_AUTH_SERVER_URL", realm,
                                "SANDBOX_URL", sandboxUrl,
                                "SWITCHBOARD_CREDENTIALS_URL_POLICY_ALLOWED_ORIGINS", sandboxUrl + "," + sandboxAlias()),
                        "192m", Path.of("target").toAbsolutePath(), dir.resolve("credential-service.log"), "CREDENTIALS_PORT",
                        Duration.ofSeconds(90));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> process.stop(Duration.ofSeconds(10))));
                record("credential-service", Integer.toString(port));
                credentialService = server;
            }
        }
        return credentialService;
    }

    /** What an earlier class loader of this JVM started, or null. */
    private static String[] recorded(String component) {
        String value = System.getProperty("switchboard.shared." + component);
        return value == null ? null : value.split("\\|");
    }

    private static void record(String component, String... parts) {
        System.setProperty("switchboard.shared." + component, String.join("|", parts));
    }

    /** Under the module's target/ so `mvn clean` removes what a crashed run left behind. */
    private static Path workDir(String name) {
        String target = System.getProperty("switchboard.test.workdir", Path.of("target").toAbsolutePath().toString());
        return Path.of(target, "infra", name);
    }
}
