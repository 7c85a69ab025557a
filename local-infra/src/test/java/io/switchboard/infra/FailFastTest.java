package io.switchboard.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad local configuration stops the platform at once with a message that says what to change. */
class FailFastTest {

    @Test
    void unreachableBrokerIsNamedWithTheSettingToFix() {
        int nothingListens = Ports.free();
        assertThatThrownBy(() -> KafkaBroker.requireReachable("127.0.0.1:" + nothingListens, Duration.ofSeconds(3)))
                .isInstanceOf(InfraException.class)
                .hasMessageContaining("127.0.0.1:" + nothingListens)
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void takenPortIsRefusedBeforeAnythingStarts() throws IOException {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = squatter.getLocalPort();
            assertThatThrownBy(() -> new KafkaBroker(java.nio.file.Path.of("target/never"), port, Ports.free(), "64m")
                    .start(Duration.ofSeconds(5)))
                    .isInstanceOf(InfraException.class)
                    .hasMessageContaining("port " + port)
                    .hasMessageContaining("KAFKA_PORT");
            assertThat(java.nio.file.Path.of("target/never")).doesNotExist();
        }
    }

    @Test
    void malformedPortSettingIsRejected() {
        assertThatThrownBy(() -> new LocalPlatform(Map.of("KAFKA_PORT", "nine-thousand")))
                .isInstanceOf(InfraException.class)
                .hasMessageContaining("KAFKA_PORT=nine-thousand");
        assertThatThrownBy(() -> new LocalPlatform(Map.of("POSTGRES_PORT", "70000")))
                .isInstanceOf(InfraException.class)
                .hasMessageContaining("POSTGRES_PORT=70000");
    }

    @Test
    void switchboardScriptSaysJavaIsMissing(@org.junit.jupiter.api.io.TempDir java.nio.file.Path bin) throws Exception {
        // a PATH with the few tools the script needs before its Java check, but no java
        java.nio.file.Files.createSymbolicLink(bin.resolve("dirname"), java.nio.file.Path.of("/usr/bin/dirname"));
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", InfraPaths.root().resolve("switchboard").toString(), "status")
                .redirectErrorStream(true);
        builder.environment().put("PATH", bin.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).isEqualTo(1);
        assertThat(output).contains("Java 17 or newer is required").contains("not on the PATH");
    }
}
