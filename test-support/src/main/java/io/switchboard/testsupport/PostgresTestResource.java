package io.switchboard.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.infra.PostgresCluster;
import java.util.Map;

/** Gives a {@code @QuarkusTest} a fresh database in the shared throwaway PostgreSQL cluster. */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String DATABASE = "app";

    @Override
    public Map<String, String> start() {
        PostgresCluster postgres = SharedInfra.postgres();
        postgres.createDatabase(DATABASE);
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(DATABASE),
                "quarkus.datasource.username", PostgresCluster.USER,
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        // removed with the cluster when the JVM exits
    }
}
