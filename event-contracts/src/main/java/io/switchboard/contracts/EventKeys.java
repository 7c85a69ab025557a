package io.switchboard.contracts;

/**
 * Kafka record keys. The key decides the partition, and so the order consumers see: all events of one ticket
 * (or connection, or reference record) share a key and stay in order. On compacted topics the key is also the
 * identity whose latest value is kept, so its format must never change within a topic version.
 */
public final class EventKeys {

    private EventKeys() {
    }

    /** {@code tenant:vendor:ticketId}: tickets.events.v1, workflow.executions.v1, workflow.dlq.v1. */
    public static String ticket(String tenant, Vendor vendor, String ticketId) {
        return join(tenant, vendor.wireName(), ticketId);
    }

    /** {@code tenant:connectionId}: integrations.v1, webhooks.raw.v1, sync.*.v1. */
    public static String connection(String tenant, String connectionId) {
        return join(tenant, connectionId);
    }

    /** {@code tenant:vendor:id}: the compacted reference.*.v1 topics. */
    public static String reference(String tenant, Vendor vendor, String id) {
        return join(tenant, vendor.wireName(), id);
    }

    private static String join(String... parts) {
        for (String part : parts) {
            // A ':' inside a part would make two different records share a key (and overwrite each other
            // on compacted topics).
            if (part == null || part.isBlank() || part.indexOf(':') >= 0) {
                throw new IllegalArgumentException("key part must be non-blank and free of ':': " + part);
            }
        }
        return String.join(":", parts);
    }
}
