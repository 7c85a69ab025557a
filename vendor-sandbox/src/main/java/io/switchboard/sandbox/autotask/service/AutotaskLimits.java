package io.switchboard.sandbox.autotask.service;

import io.switchboard.sandbox.config.SandboxConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database's rolling-hour request budget (shared by every integration code) and the per
 * (integration code, endpoint) thread limit, and the security level's webhook cap. All are adjustable at run time
 * through the control API (a load test needs more webhooks than a real security level allows).
 */
@ApplicationScoped
public class AutotaskLimits {
    private static final long HOUR_MS = 3_600_000L;
    private final ArrayDeque<Long> window = new ArrayDeque<>();
    private final Map<String, AtomicInteger> threads = new ConcurrentHashMap<>();
    private final SandboxConfig config;
    private volatile int hourlyThreshold;
    private volatile int threadLimit;
    private volatile boolean latencyBands;
    private volatile int maxWebhooks;

    public AutotaskLimits(SandboxConfig config) {
        this.config = config;
        reset();
    }

    public final void reset() {
        synchronized (window) {
            window.clear();
        }
        threads.clear();
        hourlyThreshold = config.autotask().hourlyThreshold();
        threadLimit = config.autotask().threadLimit();
        latencyBands = config.autotask().latencyBands();
        maxWebhooks = config.autotask().maxWebhooks();
    }

    public void configure(Integer hourly, Integer threadsPerEndpoint, Boolean bands, Integer webhooks) {
        if (hourly != null) {
            hourlyThreshold = hourly;
        }
        if (threadsPerEndpoint != null) {
            threadLimit = threadsPerEndpoint;
        }
        if (bands != null) {
            latencyBands = bands;
        }
        if (webhooks != null) {
            maxWebhooks = webhooks;
        }
    }

    public int maxWebhooks() {
        return maxWebhooks;
    }

    public int hourlyThreshold() {
        return hourlyThreshold;
    }

    public int threadLimit() {
        return threadLimit;
    }

    /** Requests counted in the last hour (after pruning). */
    public int used() {
        synchronized (window) {
            prune(System.currentTimeMillis());
            return window.size();
        }
    }

    private void prune(long now) {
        while (!window.isEmpty() && window.peekFirst() <= now - HOUR_MS) {
            window.pollFirst();
        }
    }

    /** Counts the request; false (and not counted) when the database is over its hourly threshold. */
    public boolean count() {
        long now = System.currentTimeMillis();
        synchronized (window) {
            prune(now);
            if (window.size() >= hourlyThreshold) {
                return false;
            }
            window.addLast(now);
            return true;
        }
    }

    /** Extra delay once usage passes 50 % (0.5 s) and 75 % (1 s) of the threshold. */
    public long bandDelayMs() {
        if (!latencyBands) {
            return 0;
        }
        double share = (double) used() / hourlyThreshold;
        return share >= 0.75 ? 1000 : share >= 0.5 ? 500 : 0;
    }

    /** Takes a thread slot; returns a releaser, or null when the limit is reached. */
    public Runnable enter(String integrationCode, String endpoint) {
        AtomicInteger n = threads.computeIfAbsent(integrationCode.toUpperCase(Locale.ROOT) + "|"
                + endpoint.toLowerCase(Locale.ROOT), k -> new AtomicInteger());
        if (n.incrementAndGet() > threadLimit) {
            n.decrementAndGet();
            return null;
        }
        return n::decrementAndGet;
    }
}
