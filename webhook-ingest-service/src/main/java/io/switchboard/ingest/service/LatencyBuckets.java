package io.switchboard.ingest.service;

import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Histogram buckets of the webhook path's timers, from 1 ms up to past the response deadline: a latency objective
 * (p99 under 10 ms at a given rate) can be checked from them, per step of the path.
 */
public final class LatencyBuckets {

    private static final Duration[] BUCKETS = Stream.of(1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    private LatencyBuckets() {
    }

    public static Timer.Builder on(Timer.Builder timer) {
        return timer.serviceLevelObjectives(BUCKETS);
    }
}
