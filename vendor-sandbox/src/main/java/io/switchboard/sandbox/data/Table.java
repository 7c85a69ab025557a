package io.switchboard.sandbox.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Records of one entity, ascending by id. Records are never mutated in place: an update stores a modified copy,
 * so a request serialising a record on another event loop never sees it half-written.
 */
public final class Table {
    private final ConcurrentSkipListMap<Long, ObjectNode> rows = new ConcurrentSkipListMap<>();
    private final AtomicLong nextId;
    private final String idKey;

    public Table(long firstId, String idKey) {
        this.nextId = new AtomicLong(firstId);
        this.idKey = idKey;
    }

    private long newId() {
        return nextId.getAndIncrement();
    }

    public ObjectNode insert(ObjectNode row) {
        long id = row.hasNonNull(idKey) ? row.get(idKey).asLong() : newId();
        row.put(idKey, id);
        nextId.accumulateAndGet(id + 1, Math::max);
        rows.put(id, row);
        return row;
    }

    public ObjectNode get(long id) {
        return rows.get(id);
    }

    /** Applies a change to a copy of the record and stores it; returns the new record or null if absent. */
    public ObjectNode update(long id, UnaryOperator<ObjectNode> change) {
        return rows.computeIfPresent(id, (k, old) -> change.apply(old.deepCopy()));
    }

    public ObjectNode remove(long id) {
        return rows.remove(id);
    }

    public Collection<ObjectNode> all() {
        return rows.values();
    }

    /** Records with id greater than {@code afterId}, ascending. */
    public Collection<ObjectNode> after(long afterId) {
        return rows.tailMap(afterId, false).values();
    }

    public int size() {
        return rows.size();
    }
}
