package io.switchboard.ingest.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.contracts.TopicCatalogue;
import io.switchboard.infra.KafkaBroker;
import io.switchboard.infra.Ports;
import io.switchboard.infra.PostgresCluster;
import io.switchboard.testsupport.SharedInfra;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything the service talks to, real: a Kafka broker (the shared one, or with {@code broker=dedicated} one of its
 * own that a test may stop and restart), a database of its own in the shared PostgreSQL cluster, the shared
 * Keycloak, the packaged credential-service and the vendor sandbox. The HTTP port is fixed before start, because
 * the public base URL registered at the sandbox must name it.
 */
public class IngestTestResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker dedicated;
    private static String bootstrapServers;
    private static String publicBaseUrl;

    private boolean ownBroker;
    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        ownBroker = "dedicated".equals(initArgs.get("broker"));
        database = initArgs.getOrDefault("database", "ingest");
    }

    @Override
    public Map<String, String> start() {
        if (ownBroker) {
            Path dir = Path.of("target", "infra", "kafka-dedicated-" + ProcessHandle.current().pid() + "-" + database);
            dedicated = new KafkaBroker(dir, Ports.free(), Ports.free(), "384m").start(Duration.ofSeconds(90));
            dedicated.createTopics(TopicCatalogue.topics());
            bootstrapServers = dedicated.bootstrapServers();
        } else {
            bootstrapServers = SharedInfra.kafka().bootstrapServers();
        }
        PostgresCluster postgres = SharedInfra.postgres();
        postgres.createDatabase(database);
        int port = Ports.free();
        publicBaseUrl = "http://127.0.0.1:" + port;
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", bootstrapServers);
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
        config.put("quarkus.datasource.username", PostgresCluster.USER);
        config.put("quarkus.datasource.password", "");
        config.put("switchboard.ingest.credentials.service-url", SharedInfra.credentialService().url());
        config.put("switchboard.ingest.credentials.token-url", SharedInfra.keycloak().realmUrl() + "/protocol/openid-connect/token");
        config.put("quarkus.http.test-port", Integer.toString(port));
        config.put("switchboard.ingest.public-base-url", publicBaseUrl);
        // healing is what several tests wait for
        config.put("switchboard.ingest.registration.reconcile-interval", "3s");
        return config;
    }

    @Override
    public void stop() {
        if (dedicated != null) {
            dedicated.kill();
            dedicated = null;
        }
    }

    /** The broker the running application uses. */
    public static String bootstrapServers() {
        return bootstrapServers;
    }

    /** The broker of a {@code broker=dedicated} profile, for tests that stop it. */
    public static KafkaBroker dedicatedBroker() {
        return dedicated;
    }

    public static String publicBaseUrl() {
        return publicBaseUrl;
    }
}
