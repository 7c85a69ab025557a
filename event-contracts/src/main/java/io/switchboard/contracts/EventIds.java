package io.switchboard.contracts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic CloudEvent ids. A vendor redelivers the same webhook, Debezium replays outbox rows, a sync
 * re-reads the same record: each time the producer must emit the same {@code id} so that consumers can drop
 * the duplicate. So an id is never random; it is derived from what identifies the vendor event.
 */
public final class EventIds {

    /** Namespace of every Switchboard event id, so our ids never collide with other name-based UUIDs. */
    static final UUID NAMESPACE = UUID.fromString("6f1c1d0e-6a55-4c39-9a57-3f0c1b8e2d41");

    private static final byte[] NAMESPACE_BYTES = ByteBuffer.allocate(16)
            .putLong(NAMESPACE.getMostSignificantBits()).putLong(NAMESPACE.getLeastSignificantBits()).array();
    /** One digest per thread: {@code getInstance} looks the provider up on every call (measurable on the webhook path). */
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(EventIds::newSha1);

    private EventIds() {
    }

    /**
     * Name-based UUID version 5 (RFC 9562, SHA-1) of the parts, e.g.
     * {@code deterministic(tenant, connectionId, "autotask", webhookGuid)}. Each part is length-prefixed, so
     * {@code ("ab", "c")} and {@code ("a", "bc")} give different ids. The same parts always give the same id.
     */
    public static String deterministic(String... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("at least one part is needed");
        }
        MessageDigest sha1 = SHA1.get();
        sha1.reset();
        sha1.update(NAMESPACE_BYTES);
        for (String part : parts) {
            if (part == null) {
                throw new IllegalArgumentException("id parts must not be null");
            }
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha1.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            sha1.update(bytes);
        }
        ByteBuffer hash = ByteBuffer.wrap(sha1.digest());
        long msb = (hash.getLong() & ~0xF000L) | 0x5000L; // version 5
        long lsb = (hash.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(msb, lsb).toString();
    }

    private static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-1", e);
        }
    }
}
