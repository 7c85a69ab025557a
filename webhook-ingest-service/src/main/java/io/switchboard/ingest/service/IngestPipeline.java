package io.switchboard.ingest.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.contracts.payload.RawWebhook;
import io.switchboard.contracts.payload.TicketEvent;
import io.switchboard.ingest.config.IngestConfig;
import io.switchboard.ingest.messaging.EventRecords;
import io.switchboard.ingest.messaging.KafkaPublisher;
import io.switchboard.ingest.persistence.DedupeStore;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A verified, normalized vendor event on its way to Kafka, exactly once: claim it in the deduplication store, send
 * the ticket event and the raw webhook, acknowledge once Kafka acknowledged both, record the outcome.
 *
 * <p>Deliveries of the same event meeting in this instance share one publish (the later ones wait for it);
 * across instances the claim's lease decides. Failure anywhere before Kafka's acknowledgement is a 503, and the
 * claim is released so the vendor's retry publishes what is still missing.
 */
@Singleton
public class IngestPipeline {

    /** One event being published by this instance; later deliveries of it wait on {@link #published}. */
    private static final class InFlight {
        final CompletableFuture<Void> published = new CompletableFuture<>();
    }

    private final DedupeStore dedupe;
    private final KafkaPublisher kafka;
    private final TicketLabels labels;
    private final IngestConfig config;
    private final Timer claimTimer;
    private final Timer ackTimer;
    private final Map<UUID, InFlight> inFlight = new ConcurrentHashMap<>();

    public IngestPipeline(DedupeStore dedupe, KafkaPublisher kafka, TicketLabels labels, IngestConfig config,
                          MeterRegistry registry) {
        this.dedupe = dedupe;
        this.kafka = kafka;
        this.labels = labels;
        this.config = config;
        this.claimTimer = LatencyBuckets.on(Timer.builder("ingest.dedupe.claim"))
                .description("wait for the deduplication claim of an event").register(registry);
        this.ackTimer = LatencyBuckets.on(Timer.builder("ingest.kafka.ack"))
                .description("send to Kafka's acknowledgement of both records").register(registry);
        registry.gauge("ingest.publish.in.flight", inFlight, Map::size);
    }

    public CompletableFuture<Accepted> publish(TicketEvent event, RawWebhook raw) {
        if (!kafka.accepting()) {
            return CompletableFuture.failedFuture(Rejection.unavailable("Kafka cannot take records right now"));
        }
        EventRecords.Prepared records = EventRecords.prepare(labels.label(event), raw);
        if (!records.fitsTopics()) {
            return CompletableFuture.failedFuture(Rejection.tooLarge("the event would exceed the largest record Kafka takes"));
        }
        UUID id = records.eventId();
        InFlight mine = new InFlight();
        InFlight earlier = inFlight.putIfAbsent(id, mine);
        if (earlier != null) {
            return earlier.published.handle((ok, error) -> {
                if (error != null) {
                    throw Rejection.unavailable("an earlier delivery of this event could not be published yet");
                }
                return Accepted.duplicate(id);
            });
        }
        CompletableFuture<Accepted> result = new CompletableFuture<>();
        long started = System.nanoTime();
        // continue on the caller's event loop: the claim writers' threads must only write to the database
        dedupe.claim(id, event.tenant()).whenCompleteAsync((claim, error) -> {
            long claimed = System.nanoTime();
            claimTimer.record(claimed - started, TimeUnit.NANOSECONDS);
            if (error != null) {
                done(id, mine, result, Rejection.unavailable("the deduplication store is unavailable"));
            } else if (claim.duplicate()) {
                inFlight.remove(id, mine);
                mine.published.complete(null);
                result.complete(Accepted.duplicate(id));
            } else if (!claim.claimed()) {
                done(id, mine, result, Rejection.unavailable("another delivery of this event is being published"));
            } else {
                send(records, DedupeStore.ALL & ~claim.publishedParts()).thenAccept(acked -> {
                    if ((claim.publishedParts() | acked) == DedupeStore.ALL) {
                        ackTimer.record(System.nanoTime() - claimed, TimeUnit.NANOSECONDS);
                        mine.published.complete(null);
                        result.complete(Accepted.published(id));
                    } else {
                        Rejection rejection = Rejection.unavailable("Kafka did not acknowledge the event");
                        mine.published.completeExceptionally(rejection);
                        result.completeExceptionally(rejection);
                    }
                    // later deliveries keep waiting on this instance until the database knows the outcome too
                    dedupe.recordOutcome(id, claim, acked).whenComplete((v, e) -> inFlight.remove(id, mine));
                });
            }
        }, callersLoop());
        return result;
    }

    /** The Vert.x context of the calling event loop, or the completing thread when not called from one. */
    private static Executor callersLoop() {
        Context context = Vertx.currentContext();
        return context == null ? Runnable::run : task -> context.runOnContext(v -> task.run());
    }

    private void done(UUID id, InFlight mine, CompletableFuture<Accepted> result, Rejection rejection) {
        inFlight.remove(id, mine);
        mine.published.completeExceptionally(rejection);
        result.completeExceptionally(rejection);
    }

    /** Sends the given parts; completes with the parts Kafka acknowledged. */
    private CompletableFuture<Integer> send(EventRecords.Prepared records, int parts) {
        CompletableFuture<Integer> acked = new CompletableFuture<>();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger pending = new AtomicInteger(Integer.bitCount(parts));
        if (parts == 0) {
            acked.complete(0);
            return acked;
        }
        sendPart(records.ticket(), DedupeStore.TICKET, parts, ok, pending, acked);
        sendPart(records.raw(), DedupeStore.RAW, parts, ok, pending, acked);
        return acked;
    }

    private void sendPart(ProducerRecord<String, byte[]> record, int part, int parts, AtomicInteger ok,
                          AtomicInteger pending, CompletableFuture<Integer> acked) {
        if ((parts & part) == 0) {
            return;
        }
        kafka.send(record, error -> {
            if (error == null) {
                ok.accumulateAndGet(part, (a, b) -> a | b);
            }
            if (pending.decrementAndGet() == 0) {
                acked.complete(ok.get());
            }
        });
    }
}
