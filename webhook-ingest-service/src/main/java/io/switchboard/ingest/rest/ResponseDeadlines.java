package io.switchboard.ingest.rest;

import io.netty.util.concurrent.FastThreadLocal;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * Runs a request's expiry action when it has not been answered within the deadline. One periodic check per event
 * loop instead of a Vert.x timer per request: a timer's registration, scheduling and cancellation cost more per
 * webhook than the check. Every request gets the same deadline, so arrival order is expiry order and a FIFO queue
 * per event loop holds them; the check stops at the first one that is neither answered nor due.
 */
final class ResponseDeadlines implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ResponseDeadlines.class);

    private record Check(Vertx vertx, long timerId) {
    }

    /** One request's place in its loop's queue. Used on that loop's thread only. */
    static final class Ticket {
        private final long dueNanos;
        private Runnable onExpiry;

        private Ticket(long dueNanos, Runnable onExpiry) {
            this.dueNanos = dueNanos;
            this.onExpiry = onExpiry;
        }

        /** The request was answered: its expiry action (and what it holds) is let go at once. */
        void answered() {
            onExpiry = null;
        }
    }

    private final long deadlineNanos;
    private final long checkEveryMillis;
    private final List<Check> checks = new CopyOnWriteArrayList<>();
    private final FastThreadLocal<ArrayDeque<Ticket>> queues = new FastThreadLocal<>() {
        @Override
        protected ArrayDeque<Ticket> initialValue() {
            ArrayDeque<Ticket> queue = new ArrayDeque<>();
            // on the event loop's root context (not the first request's duplicate of it, which it would keep alive):
            // the periodic check runs on the same thread as the requests it checks
            ContextInternal loop = (ContextInternal) VertxContext.getRootContext(Vertx.currentContext());
            checks.add(new Check(loop.owner(), loop.setPeriodic(checkEveryMillis, id -> expire(queue))));
            return queue;
        }
    };

    /** @param checkEvery how late past the deadline an expiry may run at most */
    ResponseDeadlines(Duration deadline, Duration checkEvery) {
        this.deadlineNanos = deadline.toNanos();
        this.checkEveryMillis = Math.max(1, checkEvery.toMillis());
    }

    /** Tracks a request received now; must be called on the event loop that will answer it. */
    Ticket track(Runnable onExpiry) {
        if (!Context.isOnEventLoopThread()) {
            throw new IllegalStateException("response deadlines are kept per event loop: not called on one");
        }
        Ticket ticket = new Ticket(System.nanoTime() + deadlineNanos, onExpiry);
        queues.get().addLast(ticket);
        return ticket;
    }

    private static void expire(ArrayDeque<Ticket> queue) {
        long now = System.nanoTime();
        Ticket head;
        while ((head = queue.peekFirst()) != null && (head.onExpiry == null || head.dueNanos - now <= 0)) {
            queue.pollFirst();
            Runnable action = head.onExpiry;
            if (action != null) {
                head.onExpiry = null;
                try {
                    action.run();
                } catch (RuntimeException e) {
                    // the other due requests must still be answered now
                    LOG.errorf(e, "answering a request past its deadline failed");
                }
            }
        }
    }

    /** Stops the periodic checks (a restarted application would otherwise leave them running). */
    @Override
    public void close() {
        checks.forEach(check -> check.vertx().cancelTimer(check.timerId()));
        checks.clear();
    }
}
