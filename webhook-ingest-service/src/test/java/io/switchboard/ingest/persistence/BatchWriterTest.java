package io.switchboard.ingest.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The statement interval of a writer: kept while items pile up during statements, skipped while the writer keeps up
 * (unit test of the batching alone; the statements against PostgreSQL are {@link DedupeStoreTest}'s).
 */
class BatchWriterTest {

    /** What the writer's statements saw: the items of each, and when each started. */
    private static final class Statements {
        final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        final List<Long> startedNanos = new CopyOnWriteArrayList<>();
        volatile CountDownLatch holdFirst = new CountDownLatch(0);

        List<Integer> write(List<Integer> batch) throws InterruptedException {
            startedNanos.add(System.nanoTime());
            batches.add(List.copyOf(batch));
            if (batches.size() == 1) {
                holdFirst.await(10, TimeUnit.SECONDS);
            }
            return batch.stream().map(i -> i * 10).toList();
        }

        long millisBetweenStarts(int first, int second) {
            return TimeUnit.NANOSECONDS.toMillis(startedNanos.get(second) - startedNanos.get(first));
        }
    }

    @Test
    void aWriterThatKeepsUpWritesEachItemAtOnceDespiteALongInterval() throws Exception {
        Statements statements = new Statements();
        try (BatchWriter<Integer, Integer> writer = new BatchWriter<>("test-writer", 100, 50, Duration.ofSeconds(30), 4,
                statements::write)) {
            for (int i = 1; i <= 3; i++) {
                // each item is written before the next arrives: nothing piles up, so no statement waits 30 s
                assertThat(writer.submit(i).get(5, TimeUnit.SECONDS)).isEqualTo(i * 10);
            }
        }
        assertThat(statements.batches).containsExactly(List.of(1), List.of(2), List.of(3));
    }

    @Test
    void aBusyWriterWaitsOutTheIntervalAndBatchesWhatArrivedMeanwhile() throws Exception {
        Statements statements = new Statements();
        statements.holdFirst = new CountDownLatch(1);
        try (BatchWriter<Integer, Integer> writer = new BatchWriter<>("test-writer", 100, 50, Duration.ofMillis(400), 4,
                statements::write)) {
            CompletableFuture<Integer> first = writer.submit(1);
            awaitStatements(statements, 1);
            // three items arrive while the first statement runs: the writer is busy
            List<CompletableFuture<Integer>> waiting = new ArrayList<>();
            for (int i = 2; i <= 4; i++) {
                waiting.add(writer.submit(i));
            }
            statements.holdFirst.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(10);
            for (int i = 0; i < waiting.size(); i++) {
                assertThat(waiting.get(i).get(5, TimeUnit.SECONDS)).isEqualTo((i + 2) * 10);
            }
        }
        assertThat(statements.batches).containsExactly(List.of(1), List.of(2, 3, 4));
        assertThat(statements.millisBetweenStarts(0, 1)).isGreaterThanOrEqualTo(390);
    }

    @Test
    void withoutABacklogThresholdTheIntervalIsAlwaysKept() throws Exception {
        Statements statements = new Statements();
        try (BatchWriter<Integer, Integer> writer = new BatchWriter<>("test-writer", 100, 50, Duration.ofMillis(400), 0,
                statements::write)) {
            writer.submit(1).get(5, TimeUnit.SECONDS);
            writer.submit(2).get(5, TimeUnit.SECONDS);
        }
        assertThat(statements.batches).containsExactly(List.of(1), List.of(2));
        assertThat(statements.millisBetweenStarts(0, 1)).isGreaterThanOrEqualTo(390);
    }

    private static void awaitStatements(Statements statements, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (statements.batches.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(statements.batches).hasSize(count);
    }
}
