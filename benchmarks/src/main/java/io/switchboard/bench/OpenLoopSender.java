package io.switchboard.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * Sends signed Autotask callouts at a fixed rate whatever the answers do (open loop), and measures each latency
 * from the moment the request was due, not from when it went out: a stalled server then shows up as latency
 * instead of silently lowering the rate (coordinated omission). Callouts are built and signed ahead of the run so
 * the schedule only sends, and the first seconds at the rate are not measured: a cold client opens a burst of
 * connections while it compiles, which would be measured as the server's latency.
 */
final class OpenLoopSender {

    /**
     * @param slowestPerSecond      the slowest answer (ms) to the requests due in each second of the run
     * @param wakeUpLatenessMicros  how late a sleeping thread woke meanwhile ({@link WakeUpLateness})
     */
    record Result(long sent, long accepted, long non2xx, long failed, org.HdrHistogram.Histogram latencyMicros,
                  long[] slowestPerSecond, org.HdrHistogram.Histogram wakeUpLatenessMicros) {
    }

    private final URI base;
    private final List<CalloutTarget> targets;

    OpenLoopSender(String baseUrl, List<CalloutTarget> targets) {
        this.base = URI.create(baseUrl);
        this.targets = targets;
    }

    Result run(int perSecond, Duration warmUp, Duration duration, long firstSequence) throws InterruptedException {
        return run(perSecond, warmUp, duration, firstSequence, () -> {
        });
    }

    /**
     * @param atMeasuredStart run once the unmeasured part is over, on a thread of its own (it may take milliseconds,
     *                        which the sending thread would count as the next requests' latency)
     */
    Result run(int perSecond, Duration warmUp, Duration duration, long firstSequence, Runnable atMeasuredStart)
            throws InterruptedException {
        int unmeasured = (int) (perSecond * warmUp.toSeconds());
        int total = unmeasured + (int) (perSecond * duration.toSeconds());
        RequestOptions[] requests = new RequestOptions[total];
        Buffer[] bodies = new Buffer[total];
        for (int i = 0; i < total; i++) {
            CalloutTarget target = targets.get(i % targets.size());
            CalloutTarget.Callout callout = target.callout(firstSequence + i, i * 7_919 % 200_000 + 1);
            requests[i] = new RequestOptions().setMethod(HttpMethod.POST).setHost(base.getHost()).setPort(base.getPort())
                    .setURI(target.path()).setTimeout(15_000)
                    .putHeader("Content-Type", "application/json").putHeader("X-Hook-Signature", callout.signature());
            bodies[i] = Buffer.buffer(callout.body());
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(1_024).setMaxWaitQueueSize(-1));
        Recorder recorder = new Recorder(3);
        AtomicLong accepted = new AtomicLong();
        AtomicLong non2xx = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        CountDownLatch answered = new CountDownLatch(total);
        java.util.concurrent.atomic.AtomicLongArray slowest = new java.util.concurrent.atomic.AtomicLongArray((int) duration.toSeconds());
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        // the garbage of building the requests is collected now rather than in a pause during the run
        System.gc();
        long start = System.nanoTime();
        WakeUpLateness wakeUps = new WakeUpLateness();
        try {
            for (int i = 0; i < total; i++) {
                if (i == unmeasured) {
                    wakeUps.start();
                    new Thread(atMeasuredStart, "open-loop-measured-start").start();
                }
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                Buffer body = bodies[i];
                int second = (i - unmeasured) / perSecond;
                // body() inside the send's chain: chained from this (non-Vert.x) thread it could come after the response
                // ended, and Vert.x 4.5 then never completes it (vert.x issue 6038): such answers went uncounted
                client.request(requests[i])
                        .compose(request -> request.send(body)
                                .compose(response -> response.body().map(ignored -> response.statusCode())))
                        .onComplete(outcome -> {
                            long micros = Math.max(1, (System.nanoTime() - due) / 1_000);
                            if (second >= 0) {
                                recorder.recordValue(micros);
                                slowest.accumulateAndGet(second, micros / 1_000, Math::max);
                            }
                            if (outcome.failed()) {
                                failed.incrementAndGet();
                            } else if (outcome.result() / 100 == 2) {
                                accepted.incrementAndGet();
                            } else {
                                non2xx.incrementAndGet();
                            }
                            answered.countDown();
                        });
            }
            answered.await(60, TimeUnit.SECONDS);
        } finally {
            wakeUps.stop();
            client.close();
            vertx.close();
        }
        long[] slowestMs = new long[slowest.length()];
        for (int i = 0; i < slowestMs.length; i++) {
            slowestMs[i] = slowest.get(i);
        }
        return new Result(total, accepted.get(), non2xx.get(), failed.get(), recorder.getIntervalHistogram(), slowestMs,
                wakeUps.lateness());
    }
}
