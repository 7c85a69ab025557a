package io.switchboard.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository, the resolved third-party runtimes and the shared download cache are. */
public final class InfraPaths {

    private InfraPaths() {
    }

    /**
     * The repository root: {@code switchboard.root} (set by the build and by ./switchboard), else the nearest parent
     * of the working directory holding {@code infra-runtime/pom.xml}, so a test started from an IDE still finds it.
     */
    public static Path root() {
        String configured = System.getProperty("switchboard.root", System.getenv("SWITCHBOARD_ROOT"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("infra-runtime/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the Switchboard repository root: set -Dswitchboard.root");
    }

    /** Classpath of the Kafka broker, resolved from Maven Central by the infra-runtime module. */
    public static String kafkaBrokerClasspath() {
        return readResolved("kafka-broker.classpath");
    }

    /** The Keycloak distribution zip in the local Maven repository. */
    public static Path keycloakDistZip() {
        return Path.of(readResolved("keycloak-dist.path"));
    }

    /** Download/unpack cache shared by every clone on this machine (Keycloak's first start builds itself there). */
    public static Path cacheDir() {
        String configured = System.getenv("SWITCHBOARD_CACHE");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "switchboard");
    }

    private static String readResolved(String fileName) {
        Path file = root().resolve("infra-runtime/target").resolve(fileName);
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is missing: build it with `./mvnw -pl infra-runtime generate-resources`", e);
        }
    }
}
