package io.switchboard.contracts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of the topic catalogue: everything needed to create the topic and to document who uses it.
 *
 * @param retentionMs retention for {@code delete} topics; {@code null} for compacted topics, which keep the
 *                    latest value per key for ever
 * @param maxMessageBytes the largest record batch the topic takes; {@code null} for the broker's default (~1 MB)
 */
public record Topic(
        String name,
        int partitions,
        String cleanupPolicy,
        Long retentionMs,
        Integer maxMessageBytes,
        String key,
        List<String> eventTypes,
        List<String> producers,
        List<String> consumers,
        String description) {

    /** The broker's default {@code max.message.bytes} (1 MiB plus batch overhead), rounded down. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1_000_000;

    /** The largest record value a producer may send here, leaving room for the batch header, key and headers. */
    public int maxValueBytes() {
        return (maxMessageBytes == null ? DEFAULT_MAX_MESSAGE_BYTES : maxMessageBytes) - 4_096;
    }

    /** Broker-side topic configuration derived from the catalogue entry. */
    public Map<String, String> brokerConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("cleanup.policy", cleanupPolicy);
        if (retentionMs != null) {
            config.put("retention.ms", Long.toString(retentionMs));
        }
        if (maxMessageBytes != null) {
            config.put("max.message.bytes", Integer.toString(maxMessageBytes));
        }
        return config;
    }
}
