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
 */
public final class SharedInfra {

    private static KafkaBroker kafka;
    private static PostgresCluster postgres;
    private static KeycloakServer keycloak;
    private static QuarkusService sandbox;

    private SharedInfra() {
    }

    /** A running broker with every catalogue topic created. */
    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            KafkaBroker broker = new KafkaBroker(workDir("kafka-" + ProcessHandle.current().pid()), Ports.free(), Ports.free(), "512m");
            Runtime.getRuntime().addShutdownHook(new Thread(broker::kill));
            broker.start(Duration.ofSeconds(90));
            broker.createTopics(TopicCatalogue.topics());
            kafka = broker;
        }
        return kafka;
    }

    /** A running throwaway cluster (fsync off), removed when the JVM exits. */
    public static synchronized PostgresCluster postgres() {
        if (postgres == null) {
            PostgresCluster cluster = new PostgresCluster(workDir("postgres-" + ProcessHandle.current().pid()), Ports.free(), true);
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::destroy));
            cluster.start();
            postgres = cluster;
        }
        return postgres;
    }

    /** A running Keycloak with the switchboard realm imported from deploy/keycloak. */
    public static synchronized KeycloakServer keycloak() {
        if (keycloak == null) {
            KeycloakServer server = new KeycloakServer(workDir("keycloak"), Ports.free(), Ports.free());
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
            server.start(Duration.ofSeconds(300));
            keycloak = server;
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
            QuarkusService server = new QuarkusService("vendor-sandbox", Ports.free());
            Path dir = workDir("vendor-sandbox-" + ProcessHandle.current().pid());
            ManagedProcess process = server.start(
                    Map.of("SANDBOX_TLS_PORT", Integer.toString(Ports.free()), "SANDBOX_TLS_DIR", dir.resolve("tls").toString()),
                    "256m", Path.of("target").toAbsolutePath(), dir.resolve("sandbox.log"), "SANDBOX_PORT", Duration.ofSeconds(60));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> process.stop(Duration.ofSeconds(10))));
            sandbox = server;
        }
        return sandbox;
    }

    /** Under the module's target/ so `mvn clean` removes what a crashed run left behind. */
    private static Path workDir(String name) {
        String target = System.getProperty("switchboard.test.workdir", Path.of("target").toAbsolutePath().toString());
        return Path.of(target, "infra", name);
    }
}
