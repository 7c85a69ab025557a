package io.switchboard.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A server process we started, with its output in a log file. Started in a session of its own so that it survives
 * the launcher when detached (./switchboard) and is not hit by a terminal's Ctrl-C meant for Maven.
 */
public final class ManagedProcess {

    private final String name;
    private final ProcessHandle handle;
    private final Path logFile;

    private ManagedProcess(String name, ProcessHandle handle, Path logFile) {
        this.name = name;
        this.handle = handle;
        this.logFile = logFile;
    }

    public static ManagedProcess start(String name, List<String> command, Path workDir, Path logFile,
                                       java.util.Map<String, String> environment) {
        try {
            Files.createDirectories(logFile.getParent());
            List<String> detached = new java.util.ArrayList<>();
            detached.add("setsid");
            detached.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(detached)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            return new ManagedProcess(name, builder.start().toHandle(), logFile);
        } catch (IOException e) {
            throw new InfraException("could not start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    /** Re-attaches to a process started earlier, if it is still alive. */
    public static Optional<ManagedProcess> attach(String name, long pid, Path logFile) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(h -> new ManagedProcess(name, h, logFile));
    }

    public String name() {
        return name;
    }

    public long pid() {
        return handle.pid();
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * Polls {@code ready} until it holds; fails early, with the end of the log, if the process dies, and kills it
     * if it is not ready in time.
     */
    public void awaitReady(BooleanSupplier ready, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (ready.getAsBoolean()) {
                return;
            }
            if (!handle.isAlive()) {
                throw new InfraException(name + " exited during start-up. Last log lines (" + logFile + "):\n" + logTail(30));
            }
            if (Instant.now().isAfter(deadline)) {
                kill(); // a half-started server must not outlive the failed start and hold its ports
                throw new InfraException(name + " not ready after " + timeout.toSeconds() + " s. Last log lines ("
                        + logFile + "):\n" + logTail(30));
            }
            sleep(200);
        }
    }

    public boolean logContains(String text) {
        try {
            return Files.exists(logFile) && Files.readString(logFile).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Orderly stop (SIGTERM to the process and its children), then SIGKILL after the grace period. */
    public void stop(Duration grace) {
        handle.descendants().forEach(ProcessHandle::destroy);
        handle.destroy();
        awaitExit(grace);
        if (handle.isAlive()) {
            kill();
        }
    }

    /** Crash: SIGKILL, no chance to flush or deregister. */
    public void kill() {
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** Waits for the process to end by itself, for at most {@code timeout}. */
    public void awaitExit(Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // the caller escalates
        } catch (java.util.concurrent.ExecutionException e) {
            throw new InfraException("waiting for " + name + " to exit failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("interrupted", e);
        }
    }
}
