package io.switchboard.sandbox.control;

import io.switchboard.sandbox.config.SandboxConfig;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Faults per vendor and endpoint; endpoint "*" applies to every endpoint of the vendor without its own entry. */
@ApplicationScoped
public class Faults {
    public enum Outcome { PASS, TOO_MANY, SERVER_ERROR, TIMEOUT }

    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final SandboxConfig config;

    public Faults(SandboxConfig config) {
        this.config = config;
    }

    private static String key(String vendor, String endpoint) {
        return vendor.toLowerCase(Locale.ROOT) + ":" + endpoint.toLowerCase(Locale.ROOT);
    }

    public void set(String vendor, String endpoint, Fault fault) {
        faults.put(key(vendor, endpoint), fault);
    }

    public Map<String, Fault> all() {
        return Map.copyOf(faults);
    }

    public void clear() {
        faults.clear();
    }

    public Fault lookup(String vendor, String endpoint) {
        if (faults.isEmpty()) {
            return Fault.NONE;
        }
        Fault f = faults.get(key(vendor, endpoint));
        return f != null ? f : faults.getOrDefault(key(vendor, "*"), Fault.NONE);
    }

    public static boolean roll(double percent) {
        return percent > 0 && ThreadLocalRandom.current().nextDouble(100) < percent;
    }

    /** Draws which error (if any) this request suffers. */
    public static Outcome draw(Fault f) {
        if (roll(f.rateTimeout())) {
            return Outcome.TIMEOUT;
        }
        if (roll(f.rate429())) {
            return Outcome.TOO_MANY;
        }
        return roll(f.rate500()) ? Outcome.SERVER_ERROR : Outcome.PASS;
    }

    /**
     * Answers a request the way the drawn fault says: after the fault's latency plus {@code extraDelayMs}, the
     * vendor's own 429 or 500 body, a connection held and then reset (a timeout), or {@code proceed}.
     */
    public void apply(RoutingContext ctx, Fault fault, long extraDelayMs, Runnable tooMany, Runnable serverError,
                      Runnable proceed) {
        Runnable work = () -> {
            switch (draw(fault)) {
                case TOO_MANY -> tooMany.run();
                case SERVER_ERROR -> serverError.run();
                case TIMEOUT -> ctx.vertx().setTimer(config.timeoutFaultHold().toMillis(), t -> ctx.response().reset());
                default -> proceed.run();
            }
        };
        long delay = extraDelayMs + fault.latencyMs();
        if (delay > 0) {
            ctx.vertx().setTimer(delay, t -> work.run());
        } else {
            work.run();
        }
    }
}
