package io.switchboard.sandbox.control;

import io.quarkus.runtime.StartupEvent;
import io.switchboard.sandbox.autotask.service.AutotaskLimits;
import io.switchboard.sandbox.autotask.service.AutotaskService;
import io.switchboard.sandbox.autotask.service.AutotaskZone;
import io.switchboard.sandbox.config.SandboxConfig;
import io.switchboard.sandbox.data.SeedFacts;
import io.switchboard.sandbox.delivery.WebhookSender;
import io.switchboard.sandbox.manage.service.ManageService;
import io.switchboard.sandbox.automate.service.AutomateService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.jboss.logging.Logger;

/** Owns the generated world: builds it at start and rebuilds it on reset. */
@ApplicationScoped
public class Sandbox {
    private static final Logger LOG = Logger.getLogger(Sandbox.class);
    private final SandboxConfig config;
    private final AutotaskService autotask;
    private final AutotaskLimits limits;
    private final ManageService manage;
    private final AutomateService automate;
    private final Faults faults;
    private final WriteLog writeLog;
    private final WebhookSender sender;
    private final Permissions permissions;
    private final AutotaskZone zone;

    public Sandbox(SandboxConfig config, AutotaskService autotask, AutotaskLimits limits, ManageService manage,
                   AutomateService automate, Faults faults, WriteLog writeLog, WebhookSender sender,
                   Permissions permissions, AutotaskZone zone) {
        this.zone = zone;
        this.permissions = permissions;
        this.config = config;
        this.autotask = autotask;
        this.limits = limits;
        this.manage = manage;
        this.automate = automate;
        this.faults = faults;
        this.writeLog = writeLog;
        this.sender = sender;
    }

    void start(@Observes StartupEvent ev) {
        reset(null, null);
    }

    /** Regenerates every vendor's data and clears webhooks, faults, limits, a moved zone, tokens and the write log. */
    public synchronized Map<String, Object> reset(Long seed, String scale) {
        long t0 = System.nanoTime();
        SeedFacts.Scale s = SeedFacts.Scale.of(scale != null ? scale : config.scale());
        SeedFacts facts = new SeedFacts(seed != null ? seed : config.seed(), s);
        faults.clear();
        permissions.reset();
        writeLog.clear();
        sender.reset();
        limits.reset();
        zone.reset();
        // the three vendors share only the immutable facts, so they are generated side by side
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            java.util.concurrent.CompletableFuture.allOf(
                    java.util.concurrent.CompletableFuture.runAsync(() -> autotask.reset(facts), pool),
                    java.util.concurrent.CompletableFuture.runAsync(() -> manage.reset(facts), pool),
                    java.util.concurrent.CompletableFuture.runAsync(() -> automate.reset(facts), pool)).join();
        } finally {
            pool.shutdown();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.infof("sandbox data generated: %s in %d ms", s, ms);
        return Map.of("seed", seed != null ? seed : config.seed(), "scale", scale != null ? scale : config.scale(),
                "companies", s.companies(), "tickets", s.tickets(), "computers", s.computers(), "millis", ms);
    }
}
