package io.switchboard.ingest.persistence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * Collects requests from many threads and lets one thread write each batch with one statement. Batches form by
 * themselves: whatever arrives while a statement runs goes into the next one, so a quiet service writes single rows
 * without waiting and a busy one writes hundreds per round trip.
 */
final class BatchWriter<I, O> implements AutoCloseable {

    /** Writes a batch; returns one result per item, in order. */
    interface BatchFunction<I, O> {
        List<O> write(List<I> batch) throws Exception;
    }

    private record Pending<I, O>(I item, CompletableFuture<O> result) {
    }

    private static final Logger LOG = Logger.getLogger(BatchWriter.class);

    private final BlockingQueue<Pending<I, O>> queue;
    private final int maxBatch;
    private final BatchFunction<I, O> function;
    private final long intervalNanos;
    private final int busyThreshold;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param interval      least time between the starts of two statements (what arrives meanwhile joins the next)
     * @param busyThreshold the interval is kept only while a statement's items and those that arrived while it ran add
     *                      up to at least this many (0: always); below that, waiting would only delay small batches
     */
    BatchWriter(String name, int capacity, int maxBatch, Duration interval, int busyThreshold, BatchFunction<I, O> function) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.intervalNanos = interval.toNanos();
        this.busyThreshold = busyThreshold;
        this.function = function;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues an item; fails at once (never blocks the caller) when the queue is full. */
    CompletableFuture<O> submit(I item) {
        Pending<I, O> pending = new Pending<>(item, new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            return CompletableFuture.failedFuture(new RejectedExecutionException(thread.getName() + " is full or stopped"));
        }
        return pending.result();
    }

    private void run() {
        List<Pending<I, O>> batch = new ArrayList<>(maxBatch);
        List<I> items = new ArrayList<>(maxBatch);
        long lastStart = System.nanoTime() - intervalNanos;
        boolean busy = true;
        while (running) {
            try {
                Pending<I, O> first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long early;
                while (busy && (early = lastStart + intervalNanos - System.nanoTime()) > 0 && queue.size() < maxBatch - 1) {
                    // a loop: parkNanos may return early
                    LockSupport.parkNanos(early);
                }
                lastStart = System.nanoTime();
                queue.drainTo(batch, maxBatch - 1);
                batch.forEach(p -> items.add(p.item()));
                List<O> results = function.write(items);
                busy = batch.size() + queue.size() >= busyThreshold;
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).result().complete(results.get(i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception | Error e) {
                LOG.warnf("%s: batch of %d failed: %s", thread.getName(), batch.size(), e.toString());
                batch.forEach(p -> p.result().completeExceptionally(e));
            } finally {
                batch.clear();
                items.clear();
            }
        }
        Pending<I, O> left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new RejectedExecutionException(thread.getName() + " stopped"));
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
