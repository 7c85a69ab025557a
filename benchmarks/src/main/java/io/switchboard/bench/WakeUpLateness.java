package io.switchboard.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * How late a sleeping thread wakes on this machine while a run goes on: a thread sleeps 1 ms at a time and records by
 * how much each wake-up overshot. A request of (c) passes a dozen threads that sleep and are woken (load generator,
 * event loops, claim writer, PostgreSQL backend, broker, producer sender), and any of them can be late the same way:
 * on this virtual machine a 1 ms sleep woke up to 5 ms late every second with nothing else running, and later under
 * load. That shows in (c)'s tail whatever the service does, so it is printed beside (c): two runs on differently
 * behaved machines are not to be compared by their p99 alone.
 */
final class WakeUpLateness {

    private static final long SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Histogram latenessMicros = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
    private final Thread thread = new Thread(this::run, "wake-up-lateness");
    private volatile boolean running = true;

    WakeUpLateness start() {
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            long before = System.nanoTime();
            try {
                TimeUnit.NANOSECONDS.sleep(SLEEP_NANOS);
            } catch (InterruptedException e) {
                return;
            }
            long lateMicros = (System.nanoTime() - before - SLEEP_NANOS) / 1_000;
            latenessMicros.recordValue(Math.min(Math.max(lateMicros, 0), latenessMicros.getHighestTrackableValue()));
        }
    }

    /** Stops the probe (if it was started) and waits for its thread, so {@link #lateness()} is complete. */
    void stop() throws InterruptedException {
        running = false;
        if (thread.isAlive()) {
            thread.join();
        }
    }

    Histogram lateness() {
        return latenessMicros;
    }

    static String describe(Histogram lateness) {
        return String.format("%d wake-ups, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms late; %d over 1 ms late",
                lateness.getTotalCount(), lateness.getValueAtPercentile(50) / 1000.0,
                lateness.getValueAtPercentile(99) / 1000.0, lateness.getValueAtPercentile(99.9) / 1000.0,
                lateness.getMaxValue() / 1000.0, lateness.getCountBetweenValues(1_001, lateness.getHighestTrackableValue()));
    }
}
