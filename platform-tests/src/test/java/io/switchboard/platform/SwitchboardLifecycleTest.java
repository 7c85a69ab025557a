package io.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.infra.InfraPaths;
import io.switchboard.infra.Ports;
import io.switchboard.infra.PostgresCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What a newcomer does with the platform, through the real script: {@code up}, {@code up} again, {@code status},
 * {@code env}, {@code down}; afterwards no process of ours may be left. Runs on free ports and its own run
 * directory, so it never touches a platform the developer has running.
 */
class SwitchboardLifecycleTest {

    private static final List<String> COMPONENTS = List.of("postgres", "kafka", "keycloak", "vendor-sandbox",
            "credential-service", "webhook-ingest-service", "sync-worker", "workflow-engine", "outbox-relay");
    private static final Path RUN_DIR = Path.of("target", "platform-run").toAbsolutePath();
    private static final Map<String, String> ENV = environment();

    @AfterAll
    static void downEvenIfATestFailed() throws Exception {
        run("down");
    }

    @Test
    void upTwiceStatusEnvDownLeavesNothingRunning() throws Exception {
        Result up = run("up");
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("all up");
        // the leftover check below must be able to see every component while it runs
        assertThat(ourProcesses()).hasSizeGreaterThanOrEqualTo(COMPONENTS.size());

        Result again = run("up");
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).doesNotContain("starting ");
        for (String component : List.of("PostgreSQL", "Kafka", "Keycloak", "vendor-sandbox", "credential-service",
                "webhook-ingest-service", "sync-worker", "workflow-engine", "outbox-relay")) {
            assertThat(again.output()).contains(component + " already running");
        }

        Result status = run("status");
        assertThat(status.exitCode()).as(status.output()).isZero();
        for (String component : COMPONENTS) {
            assertThat(status.output()).containsPattern("(?m)^" + component + " +running");
        }

        Result env = run("env");
        assertThat(env.exitCode()).isZero();
        assertThat(env.output())
                .contains("export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:" + ENV.get("KAFKA_PORT"))
                .contains("export KEYCLOAK_URL=http://127.0.0.1:" + ENV.get("KEYCLOAK_PORT"))
                .contains("export SANDBOX_URL=http://127.0.0.1:" + ENV.get("SANDBOX_PORT"))
                .contains("export CREDENTIALS_URL=").contains("export INGEST_URL=")
                .contains("export SYNC_URL=").contains("export WORKFLOWS_URL=");

        Result down = run("down");
        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(ourProcesses()).isEmpty();
        Result after = run("status");
        assertThat(after.exitCode()).isEqualTo(3);
        for (String component : COMPONENTS) {
            assertThat(after.output()).containsPattern("(?m)^" + component + " +stopped");
        }
    }

    /** Every live process whose command line names our run directory or our PostgreSQL data directory. */
    private static List<String> ourProcesses() {
        String postgresData = new PostgresCluster(RUN_DIR.resolve("postgres"), 1, false).dataDir().toString();
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .filter(c -> c.contains(RUN_DIR.toString()) || c.contains(postgresData))
                .toList();
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        for (String port : List.of("KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "POSTGRES_PORT", "KEYCLOAK_PORT",
                "KEYCLOAK_MANAGEMENT_PORT", "SANDBOX_PORT", "CREDENTIALS_PORT", "INGEST_PORT", "SYNC_PORT", "WORKFLOWS_PORT")) {
            env.put(port, Integer.toString(Ports.free()));
        }
        env.put("SWITCHBOARD_RUN_DIR", RUN_DIR.toString());
        env.put("SWITCHBOARD_BUILD", "never"); // the enclosing Maven build has just packaged everything
        return env;
    }

    private static Result run(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", InfraPaths.root().resolve("switchboard").toString(), command)
                .redirectErrorStream(true);
        builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        builder.environment().putAll(ENV);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(6, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("./switchboard " + command + " did not finish:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
