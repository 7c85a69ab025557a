package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * CPU time per component over a measured interval, from {@code /proc} (Linux): each component's processes' user and
 * system time, and the whole machine's busy time. The machine's speed varies between runs by up to a third, so the
 * CPU each component spends per webhook is the figure that compares runs, not the rate alone.
 */
final class CpuMeter {

    /** Linux's USER_HZ, the unit of {@code /proc} CPU times: 100 on every architecture the JDK runs on here. */
    private static final double TICK_MICROS = 10_000;

    /** A named part of the machine's work and how to read its CPU ticks so far. */
    record Component(String name, LongSupplier ticks) {

        /** Processes looked up at each snapshot (a component's children may come and go). */
        static Component processes(String name, Supplier<List<Long>> pids) {
            return new Component(name, () -> pids.get().stream().mapToLong(CpuMeter::processTicks).sum());
        }

        /** This JVM's children that have ended and were waited for: a load generator run as a child process. */
        static Component endedChildren(String name) {
            return new Component(name, () -> endedChildrenTicks(ProcessHandle.current().pid()));
        }

        /**
         * A server and all its descendants, the live ones and those that ended meanwhile (PostgreSQL's backends and
         * autovacuum workers come and go; the server has waited for the ended ones).
         */
        static Component serverWithDescendants(String name, Supplier<List<Long>> server) {
            return new Component(name, () -> server.get().stream().mapToLong(pid -> endedChildrenTicks(pid)
                    + withDescendants(pid).stream().mapToLong(CpuMeter::processTicks).sum()).sum());
        }
    }

    private final List<Component> components;
    private Map<String, Long> startTicks;
    private long[] startMachine;

    CpuMeter(List<Component> components) {
        this.components = components;
    }

    void start() {
        startTicks = ticks();
        startMachine = machineTicks();
    }

    /** Microseconds of CPU per webhook since {@link #start()}, per component, plus everything else on the machine. */
    Map<String, Double> microsPerWebhook(long webhooks) {
        Map<String, Long> now = ticks();
        Map<String, Double> perWebhook = new LinkedHashMap<>();
        long counted = 0;
        for (Map.Entry<String, Long> entry : now.entrySet()) {
            long used = entry.getValue() - startTicks.getOrDefault(entry.getKey(), 0L);
            counted += used;
            perWebhook.put(entry.getKey(), used * TICK_MICROS / webhooks);
        }
        long[] machine = machineTicks();
        long busy = machine[0] - startMachine[0];
        perWebhook.put("rest of the machine", Math.max(0, busy - counted) * TICK_MICROS / webhooks);
        perWebhook.put("idle", (machine[1] - startMachine[1]) * TICK_MICROS / webhooks);
        // time the hypervisor gave to other machines: a slow run with much steal is the host's, not the code's
        perWebhook.put("stolen by the host", (machine[2] - startMachine[2]) * TICK_MICROS / webhooks);
        return perWebhook;
    }

    private Map<String, Long> ticks() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (Component component : components) {
            ticks.put(component.name(), component.ticks().getAsLong());
        }
        return ticks;
    }

    /** utime + stime of one process (all its threads); 0 once it is gone. */
    private static long processTicks(long pid) {
        return statFields(pid, 11, 12);
    }

    /** cutime + cstime: the CPU of a process's children that ended and were waited for. */
    private static long endedChildrenTicks(long pid) {
        return statFields(pid, 13, 14);
    }

    /** The sum of two fields of {@code /proc/<pid>/stat}, counted from the one after the command name; 0 when gone. */
    private static long statFields(long pid, int first, int second) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name may hold spaces and parentheses: fields are counted after its closing one
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[first]) + Long.parseLong(fields[second]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** All CPUs' busy (user, nice, system, irq, softirq), idle (with I/O wait) and stolen time, from {@code /proc/stat}. */
    private static long[] machineTicks() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String[] f = lines.findFirst().orElseThrow().trim().split("\\s+");
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]);
            return new long[]{busy, Long.parseLong(f[4]) + Long.parseLong(f[5]), Long.parseLong(f[8])};
        } catch (IOException | RuntimeException e) {
            return new long[3];
        }
    }

    /** The process in a PID file's first line (as {@code ./switchboard} writes them), if alive. */
    static List<Long> pidFile(Path file) {
        try {
            long pid = Long.parseLong(Files.readAllLines(file).get(0).trim());
            return ProcessHandle.of(pid).isPresent() ? List.of(pid) : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** A process and all of its live descendants. */
    private static List<Long> withDescendants(long pid) {
        return ProcessHandle.of(pid).stream()
                .flatMap(handle -> Stream.concat(Stream.of(handle), handle.descendants()))
                .map(ProcessHandle::pid).toList();
    }
}
