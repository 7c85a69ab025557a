package io.switchboard.contracts;

import java.util.List;
import java.util.Map;

/**
 * One entry of the topic catalogue: everything needed to create the topic and to document who uses it.
 *
 * @param retentionMs retention for {@code delete} topics; {@code null} for compacted topics, which keep the
 *                    latest value per key for ever
 */
public record Topic(
        String name,
        int partitions,
        String cleanupPolicy,
        Long retentionMs,
        String key,
        List<String> eventTypes,
        List<String> producers,
        List<String> consumers,
        String description) {

    /** Broker-side topic configuration derived from the catalogue entry. */
    public Map<String, String> brokerConfig() {
        return retentionMs == null
                ? Map.of("cleanup.policy", cleanupPolicy)
                : Map.of("cleanup.policy", cleanupPolicy, "retention.ms", Long.toString(retentionMs));
    }
}
