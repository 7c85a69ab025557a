package io.switchboard.ingest.service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small in-memory cache of asynchronously loaded values: one load per key at a time (concurrent callers share
 * it), entries live for a fixed time, failed loads are not kept. Bounded: past {@code maxEntries} it starts over.
 */
final class TtlCache<K, V> {

    private record Entry<V>(CompletableFuture<V> value, long loadedAtNanos) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;
    private final Function<K, CompletableFuture<V>> loader;

    TtlCache(Duration ttl, int maxEntries, Function<K, CompletableFuture<V>> loader) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.loader = loader;
    }

    CompletableFuture<V> get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry != null && usable(entry)) {
            return entry.value();
        }
        return reload(key, entry);
    }

    /** Loads again if the current value is older than {@code minAge}; otherwise empty (the value is fresh already). */
    CompletableFuture<V> reloadIfOlderThan(K key, Duration minAge) {
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.value().isDone() && System.nanoTime() - entry.loadedAtNanos() < minAge.toNanos()) {
            return null;
        }
        return reload(key, entry);
    }

    void invalidate(K key) {
        entries.remove(key);
    }

    private boolean usable(Entry<V> entry) {
        return !entry.value().isCompletedExceptionally() && System.nanoTime() - entry.loadedAtNanos() < ttlNanos;
    }

    private CompletableFuture<V> reload(K key, Entry<V> seen) {
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        boolean[] created = {false};
        Entry<V> current = entries.compute(key, (k, now) -> {
            if (now != null && now != seen && usable(now)) {
                return now; // another caller is loading or has just loaded it
            }
            created[0] = true;
            return new Entry<>(new CompletableFuture<>(), System.nanoTime());
        });
        if (created[0]) {
            start(key, current);
        }
        return current.value();
    }

    private void start(K key, Entry<V> entry) {
        CompletableFuture<V> loading;
        try {
            loading = loader.apply(key);
        } catch (RuntimeException e) {
            loading = CompletableFuture.failedFuture(e);
        }
        loading.whenComplete((value, error) -> {
            if (error != null) {
                entries.remove(key, entry);
                entry.value().completeExceptionally(error);
            } else {
                entry.value().complete(value);
            }
        });
    }
}
