package io.switchboard.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.infra.PostgresCluster;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a database in the shared throwaway PostgreSQL cluster: {@code app}, or the one named by
 * the resource argument {@code database} (so test profiles that restart the application can each start empty).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        PostgresCluster postgres = SharedInfra.postgres();
        postgres.createDatabase(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.username", PostgresCluster.USER,
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        // removed with the cluster when the JVM exits
    }
}
