package io.switchboard.sandbox.tls;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.sandbox.config.SandboxConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * An HTTPS listener serving the same router as the plain one, because some vendor clients hard-code https.
 * The self-signed certificate (localhost, 127.0.0.1) is made once with keytool and reused, so a CA file handed
 * to NODE_EXTRA_CA_CERTS stays valid across restarts.
 */
@ApplicationScoped
public class TlsListener {
    private static final Logger LOG = Logger.getLogger(TlsListener.class);
    private static final String PASSWORD = "sandbox";
    private final SandboxConfig config;
    private final Vertx vertx;
    private volatile Router router;
    private volatile HttpServer server;
    private volatile Path dir;
    private final java.util.concurrent.CompletableFuture<Void> ready = new java.util.concurrent.CompletableFuture<>();

    private final String host;

    public TlsListener(SandboxConfig config, Vertx vertx,
                       @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.host") String host) {
        this.config = config;
        this.vertx = vertx;
        this.host = host;
    }

    void capture(@Observes Router router) {
        this.router = router;
    }

    /** Started off the startup path: a first keytool run costs seconds and plain HTTP need not wait for it. */
    void start(@Observes StartupEvent ev) {
        if (!config.tls().enabled()) {
            ready.complete(null);
            return;
        }
        dir = Path.of(config.tls().dir().orElse(System.getProperty("java.io.tmpdir") + "/switchboard-sandbox-tls")).toAbsolutePath();
        Thread t = new Thread(() -> {
            try {
                Path keystore = ensureCertificate(dir);
                server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setHost(host).setPort(config.tls().port())
                                .setKeyCertOptions(new PfxOptions().setPath(keystore.toString()).setPassword(PASSWORD)))
                        .requestHandler(router).listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                LOG.infof("TLS listener on port %d, CA certificate %s", server.actualPort(), caFile());
                ready.complete(null);
            } catch (Exception e) {
                LOG.error("TLS listener failed to start", e);
                ready.completeExceptionally(e);
            }
        }, "sandbox-tls-start");
        t.setDaemon(true);
        t.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        if (server != null) {
            server.close();
        }
    }

    /** Port of the HTTPS listener once it listens, or -1 when disabled or failed. */
    public int port() {
        try {
            ready.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            return -1;
        }
        return server == null ? -1 : server.actualPort();
    }

    public Path caFile() {
        return dir == null ? null : dir.resolve("ca.pem");
    }

    private static Path ensureCertificate(Path dir) throws IOException, InterruptedException {
        Path keystore = dir.resolve("sandbox.p12");
        Path pem = dir.resolve("ca.pem");
        if (Files.exists(keystore) && Files.exists(pem)) {
            return keystore;
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "sandbox", ".p12");
        Files.delete(tmp);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(List.of(keytool, "-genkeypair", "-alias", "sandbox", "-keyalg", "EC", "-groupname", "secp256r1",
                "-validity", "3650", "-dname", "CN=localhost, O=Switchboard vendor sandbox",
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-ext", "bc:c", "-keystore", tmp.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        Path tmpPem = dir.resolve("ca.pem.tmp");
        run(List.of(keytool, "-exportcert", "-rfc", "-alias", "sandbox", "-keystore", tmp.toString(),
                "-storepass", PASSWORD, "-file", tmpPem.toString()));
        Files.move(tmp, keystore, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmpPem, pem, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return keystore;
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
    }
}
