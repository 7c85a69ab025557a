package io.switchboard.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of our own (own data directory, own port, loopback only, trust auth for user {@code app}),
 * with {@code wal_level=logical} for the Debezium outbox relay. PostgreSQL refuses to run as root, so as root the
 * server runs as the {@code postgres} system user that Debian's package creates.
 */
public final class PostgresCluster {

    public static final String USER = "app";

    private final Path dataDir;
    private final int port;
    private final boolean throwaway;

    /**
     * @param throwaway {@code true} for tests: fsync and full-page writes off (fast, not crash safe)
     */
    public PostgresCluster(Path dataDir, int port, boolean throwaway) {
        this.dataDir = reachableByServerUser(dataDir.toAbsolutePath());
        this.port = port;
        this.throwaway = throwaway;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public PostgresCluster start() {
        Ports.requireFree(port, "PostgreSQL", "POSTGRES_PORT");
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            initdb();
        }
        List<String> options = new ArrayList<>(List.of(
                "-p", Integer.toString(port), "-k", dataDir.toString(), "-c", "listen_addresses=127.0.0.1",
                "-c", "wal_level=logical", "-c", "max_wal_senders=10", "-c", "max_replication_slots=10",
                "-c", "max_connections=200"));
        if (throwaway) {
            options.addAll(List.of("-c", "fsync=off", "-c", "full_page_writes=off", "-c", "synchronous_commit=off"));
        } else {
            // the webhook deduplication table takes a row per webhook under a random-UUID key: with the defaults
            // (128 MB of buffers, a checkpoint every 1 GB of WAL) its index pages were evicted, and written in full
            // again after each of the frequent checkpoints. WAL buffers of 64 MB (16 MB by default): the claim writer
            // commits asynchronously, and with full buffers its session wrote and fsynced WAL itself, stalling every
            // webhook for tens of milliseconds whenever the disk was busy
            options.addAll(List.of("-c", "shared_buffers=512MB", "-c", "max_wal_size=4GB", "-c", "checkpoint_timeout=15min",
                    "-c", "wal_buffers=64MB"));
        }
        run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-l", dataDir.resolve("server.log").toString(),
                "-o", String.join(" ", options), "-w", "-t", "60", "start"), "start PostgreSQL");
        return this;
    }

    /** Creates the database (owned by {@link #USER}) unless it exists. */
    public void createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        String exists = psql("postgres", "SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
        if (!exists.trim().equals("1")) {
            psql("postgres", "CREATE DATABASE " + name + " OWNER " + USER);
        }
    }

    /** Runs SQL as {@link #USER} and returns psql's unaligned output. */
    public String psql(String database, String sql) {
        return run(List.of(bin("psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                "-p", Integer.toString(port), "-U", USER, "-d", database, "-c", sql), "run SQL on " + database);
    }

    public void stop() {
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop"), "stop PostgreSQL");
        }
    }

    public boolean isRunning() {
        return Files.exists(dataDir.resolve("postmaster.pid")) && Ports.isListening(port);
    }

    /** Stops the cluster and removes its data: for throwaway test clusters. */
    public void destroy() {
        stop();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void initdb() {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        handToServerUser(dataDir);
        run(List.of(bin("initdb"), "-D", dataDir.toString(), "-U", USER, "--auth=trust", "-E", "UTF8",
                "--locale=C", "--no-sync"), "initialise a PostgreSQL cluster in " + dataDir);
    }

    private String run(List<String> command, String what) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            // the postgres user may not be allowed into our working directory (a clone under a private tmp dir)
            Process process = new ProcessBuilder(full).directory(new java.io.File("/")).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                String log = Files.exists(dataDir.resolve("server.log"))
                        ? "\nserver log:\n" + tail(dataDir.resolve("server.log")) : "";
                throw new InfraException("could not " + what + ":\n" + output + log);
            }
            return output;
        } catch (IOException e) {
            throw new InfraException("could not " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("interrupted while trying to " + what, e);
        }
    }

    /** The server binaries of the newest installed PostgreSQL (Debian keeps them off the PATH). */
    static Path binDir() {
        String configured = System.getenv("POSTGRES_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path base = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.exists(base) ? Files.list(base) : Stream.empty()) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new InfraException("PostgreSQL server binaries not found: install them with "
                            + "`apt-get install -y postgresql` (or set POSTGRES_BIN to the directory holding initdb)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String bin(String tool) {
        return binDir().resolve(tool).toString();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * As root the server runs as {@code postgres}, which must be able to reach the data directory. A clone in a
     * private directory (mktemp -d is 0700) is not reachable, so the cluster then lives under /var/tmp instead.
     */
    private static Path reachableByServerUser(Path wanted) {
        if (!isRoot()) {
            return wanted;
        }
        for (Path dir = wanted.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir) && !othersMayEnter(dir)) {
                return Path.of("/var/tmp/switchboard-postgres", Integer.toHexString(wanted.toString().hashCode()),
                        wanted.getFileName().toString());
            }
        }
        return wanted;
    }

    private static boolean othersMayEnter(Path dir) {
        try {
            return Files.getPosixFilePermissions(dir).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
        } catch (IOException e) {
            return false;
        }
    }

    private static void handToServerUser(Path dir) {
        if (!isRoot()) {
            return;
        }
        try {
            Process chown = new ProcessBuilder("chown", "-R", "postgres:postgres", dir.toString()).inheritIO().start();
            if (chown.waitFor() != 0) {
                throw new InfraException("chown of " + dir + " to postgres failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("interrupted", e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
