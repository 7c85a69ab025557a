package io.switchboard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.infra.InfraException;
import io.switchboard.infra.PostgresCluster;
import org.junit.jupiter.api.Test;

/** The throwaway cluster is a real PostgreSQL, ready for Debezium, and database creation is repeatable. */
class PostgresClusterTest {

    @Test
    void isLogicalReplicationReadyAndCreatesDatabasesOnce() {
        PostgresCluster postgres = SharedInfra.postgres();
        assertThat(postgres.psql("postgres", "SHOW wal_level").trim()).isEqualTo("logical");
        postgres.createDatabase("first_db");
        postgres.createDatabase("first_db");
        postgres.psql("first_db", "CREATE TABLE t (id int primary key); INSERT INTO t VALUES (1), (2)");
        assertThat(postgres.psql("first_db", "SELECT count(*) FROM t").trim()).isEqualTo("2");
        assertThat(postgres.psql("postgres", "SELECT count(*) FROM pg_database WHERE datname = 'first_db'").trim())
                .isEqualTo("1");
    }

    @Test
    void sqlErrorsSurfaceWithPostgresMessage() {
        assertThatThrownBy(() -> SharedInfra.postgres().psql("postgres", "SELECT * FROM no_such_table"))
                .isInstanceOf(InfraException.class)
                .hasMessageContaining("no_such_table");
    }

    @Test
    void aTakenPortFailsFastNamingTheSetting() {
        int taken = SharedInfra.postgres().port();
        assertThatThrownBy(() -> new PostgresCluster(java.nio.file.Path.of("target/infra/unused"), taken, true).start())
                .isInstanceOf(InfraException.class)
                .hasMessageContaining("port " + taken)
                .hasMessageContaining("POSTGRES_PORT");
    }
}
