package io.switchboard.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Keycloak, the OIDC provider, from its Maven Central distribution, in development mode with an in-memory
 * database: the realm is imported from {@code deploy/keycloak/switchboard-realm.json} on every start, so each run
 * begins from the same clients, roles and demo users. The distribution is unpacked once into the shared cache;
 * its first start also builds it (about 80 s), later starts take 12–26 s.
 */
public final class KeycloakServer {

    public static final String REALM = "switchboard";

    private final Path runDir;
    private final int port;
    private final int managementPort;
    private ManagedProcess process;

    public KeycloakServer(Path runDir, int port, int managementPort) {
        this.runDir = runDir.toAbsolutePath();
        this.port = port;
        this.managementPort = managementPort;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The issuer services validate tokens against. */
    public String realmUrl() {
        return url() + "/realms/" + REALM;
    }

    public ManagedProcess process() {
        return process;
    }

    public KeycloakServer start(Duration timeout) {
        Ports.requireFree(port, "Keycloak", "KEYCLOAK_PORT");
        Ports.requireFree(managementPort, "Keycloak management", "KEYCLOAK_MANAGEMENT_PORT");
        Path home = install();
        Path log = runDir.resolve("keycloak.log");
        try {
            Files.createDirectories(runDir);
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process = ManagedProcess.start("Keycloak",
                List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                        "--http-host", "127.0.0.1", "--http-port", Integer.toString(port),
                        "--http-management-port", Integer.toString(managementPort),
                        "--health-enabled", "true", "--db", "dev-mem", "--import-realm"),
                runDir, log,
                Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", "admin", "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin",
                        "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx384m",
                        "JAVA_OPTS_APPEND", Java.workDirMarker(runDir),
                        "JAVA_HOME", System.getProperty("java.home")));
        process.awaitReady(this::ready, timeout);
        return this;
    }

    public void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(20));
        }
    }

    private boolean ready() {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                            .timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Unpacks the distribution once per version and puts the current realm file where --import-realm reads it. */
    private Path install() {
        Path zip = InfraPaths.keycloakDistZip();
        String version = zip.getFileName().toString().replace("keycloak-quarkus-dist-", "").replace(".zip", "");
        Path home = InfraPaths.cacheDir().resolve("keycloak-" + version);
        if (!Files.exists(home.resolve("bin/kc.sh"))) {
            unzip(zip, home);
        }
        try {
            Path imports = Files.createDirectories(home.resolve("data/import"));
            Files.copy(InfraPaths.root().resolve("deploy/keycloak/switchboard-realm.json"),
                    imports.resolve("switchboard-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return home;
    }

    /** The zip has one top-level folder (keycloak-x.y.z/) which is dropped; scripts get their execute bit back. */
    private static void unzip(Path zip, Path home) {
        Path staging = home.resolveSibling(home.getFileName() + ".partial");
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            deleteTree(staging);
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || slash == name.length() - 1) {
                    continue;
                }
                Path target = staging.resolve(name.substring(slash + 1)).normalize();
                if (!target.startsWith(staging)) {
                    throw new InfraException("unsafe path in " + zip + ": " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entries, target, StandardCopyOption.REPLACE_EXISTING);
                    if (name.endsWith(".sh")) {
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
            // rename last, so an interrupted unpack is redone rather than used half-written
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new InfraException("could not unpack Keycloak from " + zip + " into " + home + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
