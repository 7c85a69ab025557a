package io.switchboard.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One of the repository's Quarkus applications, run from its packaged {@code target/quarkus-app} on loopback. */
public final class QuarkusService {

    private final String module;
    private final int port;
    private final Path runCopy;

    /** Runs the application straight from {@code <module>/target/quarkus-app} (what a build's own tests do). */
    public QuarkusService(String module, int port) {
        this(module, port, null);
    }

    /**
     * Runs a copy of the packaged application placed under {@code runCopy}: a later build rewriting
     * {@code target/quarkus-app} would otherwise pull the jars from under the running process (seen to hang it).
     */
    public QuarkusService(String module, int port, Path runCopy) {
        this.module = module;
        this.port = port;
        this.runCopy = runCopy;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Starts the packaged application with {@code environment} on top of host and port, and waits until its
     * readiness check answers UP.
     */
    public ManagedProcess start(Map<String, String> environment, String heap, Path workDir, Path logFile,
                                String portVariable, Duration timeout) {
        Path app = InfraPaths.root().resolve(module).resolve("target/quarkus-app");
        if (!Files.exists(app.resolve("quarkus-run.jar"))) {
            throw new InfraException(app.resolve("quarkus-run.jar") + " is missing: build with `./mvnw -DskipTests package`"
                    + " (./switchboard up does)");
        }
        if (runCopy != null) {
            app = copy(app, runCopy.resolve(module));
        }
        Path jar = app.resolve("quarkus-run.jar");
        Ports.requireFree(port, module, portVariable);
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        // a fixed heap: G1 otherwise shrinks it when a service idles, and a burst then runs on a small young
        // generation with a GC pause every few hundred milliseconds
        ManagedProcess process = ManagedProcess.start(module, List.of(Java.binary(), Java.workDirMarker(workDir),
                "-Xms" + heap, "-Xmx" + heap, "-jar", jar.toString()), workDir, logFile, env);
        process.awaitReady(this::isReady, timeout);
        return process;
    }

    private static Path copy(Path from, Path to) {
        try {
            if (Files.exists(to)) {
                try (var old = Files.walk(to)) {
                    old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            try (var files = Files.walk(from)) {
                for (Path source : (Iterable<Path>) files::iterator) {
                    Path target = to.resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
            return to;
        } catch (IOException e) {
            throw new InfraException("could not copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    public boolean isReady() {
        return httpGet(url() + "/q/health/ready").isPresent();
    }

    /** The body of a 200 answer, or empty for anything else (not listening, not ready, an error). */
    public static Optional<String> httpGet(String url) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
