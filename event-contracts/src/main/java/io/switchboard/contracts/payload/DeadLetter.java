package io.switchboard.contracts.payload;

import java.time.Instant;
import java.util.Objects;

/**
 * A record the workflow engine gave up on ({@code io.switchboard.workflow.deadletter.v1} on
 * {@code workflow.dlq.v1}), with enough of the original to find, inspect and replay it. The Kafka key is the
 * original record's key.
 *
 * @param tenant        null when the original could not be read far enough to know it
 * @param originalKey   null when the original record had no key
 * @param originalValue the original value decoded as UTF-8; null for a tombstone
 * @param reason        why it failed (validation errors, or the last exception after retries)
 */
public record DeadLetter(
        String tenant,
        String originalTopic,
        int originalPartition,
        long originalOffset,
        String originalKey,
        String originalValue,
        String reason,
        Instant failedAt) {

    public DeadLetter {
        Objects.requireNonNull(originalTopic, "originalTopic");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(failedAt, "failedAt");
    }
}
