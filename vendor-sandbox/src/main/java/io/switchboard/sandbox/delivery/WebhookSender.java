package io.switchboard.sandbox.delivery;

import io.switchboard.sandbox.config.SandboxConfig;
import io.switchboard.sandbox.control.Fault;
import io.switchboard.sandbox.control.Faults;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Outgoing webhook/callback POSTs. Deliveries sharing a queue key go out strictly in order, and a failing one
 * holds back the later ones while it is retried, as Autotask documents for a callout.
 */
@ApplicationScoped
public class WebhookSender {

    public record Outbound(String url, Map<String, String> headers, byte[] body) {
    }

    public record Policy(int maxAttempts, Duration retryDelay, Duration timeout) {
    }

    /** Hooks a vendor uses to track consecutive failures, deactivation and error logs. */
    public interface Listener {
        default void delivered() {
        }

        default void attemptFailed(int attempt, String error) {
        }

        default void exhausted(String error) {
        }
    }

    /** Vert.x's client: non-blocking and pooled, several times the JDK client's rate on this box. */
    private final HttpClient client;
    private final Map<String, CompletableFuture<Void>> queues = new ConcurrentHashMap<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /**
     * Bumped by reset: deliveries queued before it stop at their next attempt and report nothing, so a retrying
     * delivery of the old world cannot count failures against a new webhook that happens to reuse its id.
     */
    private final AtomicLong generation = new AtomicLong();
    private final SandboxConfig config;
    private final Faults faults;

    public WebhookSender(SandboxConfig config, Faults faults, Vertx vertx) {
        this.config = config;
        this.faults = faults;
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5000).setMaxPoolSize(64)
                .setKeepAlive(true));
    }

    public Policy defaultPolicy() {
        SandboxConfig.Delivery d = config.delivery();
        return new Policy(d.maxAttempts(), d.retryDelay(), d.timeout());
    }

    /** Queues one delivery; injected faults for (vendor, "webhooks") may drop or duplicate it. */
    public CompletableFuture<Void> send(String vendor, String queueKey, Outbound out, Policy policy, Listener listener) {
        Fault f = faults.lookup(vendor, "webhooks");
        if (Faults.roll(f.dropWebhooks())) {
            dropped.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }
        int copies = Faults.roll(f.duplicateWebhooks()) ? 2 : 1;
        long born = generation.get();
        CompletableFuture<Void> last = null;
        for (int i = 0; i < copies; i++) {
            last = queues.compute(queueKey, (k, prev) -> (prev == null ? CompletableFuture.<Void>completedFuture(null) : prev)
                    .thenCompose(v -> attempt(out, policy, listener, 1, born)));
        }
        return last;
    }

    private CompletableFuture<Void> attempt(Outbound out, Policy policy, Listener listener, int n, long born) {
        if (born != generation.get()) {
            return CompletableFuture.completedFuture(null);
        }
        RequestOptions req = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(out.url())
                .setIdleTimeout(policy.timeout().toMillis());
        out.headers().forEach(req::addHeader);
        CompletableFuture<Integer> status;
        try {
            // body() is attached inside the send's own chain, in the event-loop task that handles the response head.
            // Chained from here instead (a retry runs on a plain thread) it could come after the response had ended,
            // and Vert.x 4.5 then never completes it (vert.x issue 6038).
            status = client.request(req).compose(r -> r.send(Buffer.buffer(out.body()))
                            .compose(resp -> resp.body().map(b -> resp.statusCode())))
                    .toCompletionStage().toCompletableFuture();
        } catch (RuntimeException e) {
            status = CompletableFuture.failedFuture(e);
        }
        // Vert.x's idle timeout ends when the response head arrives; a receiver that then never finishes its body would
        // hold back every later delivery of the queue. An attempt without an outcome by the deadline is a failed
        // attempt, as for Autotask.
        status = status.orTimeout(policy.timeout().toMillis(), TimeUnit.MILLISECONDS);
        return status.handle((code, err) -> {
            if (born != generation.get()) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (err == null && code / 100 == 2) {
                delivered.incrementAndGet();
                listener.delivered();
                return CompletableFuture.<Void>completedFuture(null);
            }
            String error = err instanceof TimeoutException ? "no answer within " + policy.timeout().toMillis() + " ms"
                    : err != null ? err.getClass().getSimpleName() + ": " + err.getMessage()
                    : "HTTP " + code;
            failedAttempts.incrementAndGet();
            listener.attemptFailed(n, error);
            if (n >= policy.maxAttempts()) {
                listener.exhausted(error);
                return CompletableFuture.<Void>completedFuture(null);
            }
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(policy.retryDelay().toMillis(), TimeUnit.MILLISECONDS))
                    .thenCompose(v -> attempt(out, policy, listener, n + 1, born));
        }).thenCompose(f -> f);
    }

    public Map<String, Long> stats() {
        return Map.of("delivered", delivered.get(), "failedAttempts", failedAttempts.get(), "dropped", dropped.get());
    }

    public void reset() {
        generation.incrementAndGet();
        queues.clear();
        delivered.set(0);
        failedAttempts.set(0);
        dropped.set(0);
    }
}
