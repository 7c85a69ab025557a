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

    public QuarkusService(String module, int port) {
        this.module = module;
        this.port = port;
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
        Path jar = InfraPaths.root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new InfraException(jar + " is missing: build with `./mvnw -DskipTests package` (./switchboard up does)");
        }
        Ports.requireFree(port, module, portVariable);
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        ManagedProcess process = ManagedProcess.start(module,
                List.of(Java.binary(), Java.workDirMarker(workDir), "-Xmx" + heap, "-jar", jar.toString()), workDir, logFile, env);
        process.awaitReady(this::isReady, timeout);
        return process;
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
