package io.switchboard.ingest.rest;

import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Runs a request's expiry action when it has not been answered within the deadline. One periodic check per event
 * loop instead of a Vert.x timer per request: a timer's registration, scheduling and cancellation cost more per
 * webhook than the check. Every request gets the same deadline, so arrival order is expiry order and a FIFO queue
 * per event loop holds them; the check stops at the first one that is neither answered nor due.
 */
final class ResponseDeadlines {

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
    private final FastThreadLocal<ArrayDeque<Ticket>> queues = new FastThreadLocal<>() {
        @Override
        protected ArrayDeque<Ticket> initialValue() {
            ArrayDeque<Ticket> queue = new ArrayDeque<>();
            // created on the event loop that uses it: the periodic check runs on that same loop
            Vertx.currentContext().owner().setPeriodic(checkEveryMillis, id -> expire(queue));
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
                action.run();
            }
        }
    }
}
