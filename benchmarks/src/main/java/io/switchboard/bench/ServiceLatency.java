package io.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The ingest service's own latency histograms ({@code /q/metrics}) between two snapshots: how much of an open-loop
 * run's tail arose inside the service (arrival to answer), and in which step, the claim or Kafka's acknowledgement.
 * The buckets are coarse (1, 2, 5, 10, 20 ms …): the figures are shares above a bound, not interpolated percentiles.
 */
final class ServiceLatency {

    /** A timer's buckets: lines starting with {@code prefix} and containing {@code label}. */
    private record Series(String name, String prefix, String label) {
    }

    /** The webhook timer counts published webhooks only: the benchmark's other answers are not part of (c). */
    private static final List<Series> SERIES = List.of(
            new Series("arrival to answer", "ingest_webhooks_seconds_bucket{", "outcome=\"published\""),
            new Series("claim", "ingest_dedupe_claim_seconds_bucket{", ""),
            new Series("Kafka acknowledgement", "ingest_kafka_ack_seconds_bucket{", ""));

    /** Cumulative counts per upper bound in seconds (+Inf as {@link Double#POSITIVE_INFINITY}), per timer. */
    record Snapshot(Map<String, TreeMap<Double, Double>> buckets) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI metrics;

    ServiceLatency(String serviceUrl) {
        this.metrics = URI.create(serviceUrl + "/q/metrics");
    }

    /** Empty when the metrics cannot be read: the figures are a diagnosis, which must not stop the run's checks. */
    Optional<Snapshot> snapshot() {
        String text;
        try {
            text = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        Map<String, TreeMap<Double, Double>> buckets = new LinkedHashMap<>();
        for (Series series : SERIES) {
            TreeMap<Double, Double> counts = new TreeMap<>();
            // tenants and vendors are summed: the benchmark's webhooks are all one tenant's Autotask callouts
            text.lines().filter(line -> line.startsWith(series.prefix()) && line.contains(series.label()))
                    .forEach(line -> counts.merge(upperBound(line),
                            Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum));
            buckets.put(series.name(), counts);
        }
        return Optional.of(new Snapshot(buckets));
    }

    /** One line per timer: count, share over 5 ms and over 10 ms, and the bucket the 99th percentile falls in. */
    static List<String> describe(Optional<Snapshot> first, Optional<Snapshot> last) {
        if (first.isEmpty() || last.isEmpty()) {
            return List.of("the service's metrics could not be read");
        }
        Snapshot before = first.get();
        Snapshot after = last.get();
        List<String> lines = new ArrayList<>();
        for (String name : SERIES.stream().map(Series::name).toList()) {
            TreeMap<Double, Double> delta = new TreeMap<>();
            after.buckets().get(name).forEach((le, count) -> delta.put(le, count - before.buckets().get(name).getOrDefault(le, 0.0)));
            double total = delta.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
            if (total <= 0) {
                lines.add(name + ": nothing recorded");
                continue;
            }
            lines.add(String.format("%s: %.0f, over 5 ms %.2f %%, over 10 ms %.2f %%, p99 %s", name, total,
                    100 * (1 - delta.getOrDefault(0.005, 0.0) / total), 100 * (1 - delta.getOrDefault(0.01, 0.0) / total),
                    percentileBucket(delta, total, 0.99)));
        }
        return lines;
    }

    private static String percentileBucket(TreeMap<Double, Double> cumulative, double total, double quantile) {
        double lower = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= quantile * total) {
                return bucket.getKey().isInfinite() ? String.format("over %.0f ms", lower * 1000)
                        : String.format("%.0f–%.0f ms", lower * 1000, bucket.getKey() * 1000);
            }
            lower = bucket.getKey();
        }
        return "unknown";
    }

    private static double upperBound(String line) {
        int start = line.indexOf("le=\"") + 4;
        String le = line.substring(start, line.indexOf('"', start));
        return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }
}
