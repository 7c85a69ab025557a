package io.switchboard.connectors.autotask;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.switchboard.connectors.http.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;

/**
 * An Autotask QueryModel: top-level filters are ANDed; {@link #or} and {@link #and} nest groups. Build with the
 * static factories, e.g. {@code AutotaskQuery.where(AutotaskQuery.gt("id", 0)).maxRecords(500)}.
 */
public final class AutotaskQuery {

    static final ObjectMapper JSON = Json.MAPPER;

    /** Autotask's page size limit; also its default. */
    public static final int MAX_RECORDS = 500;

    private final ObjectNode body = JSON.createObjectNode();

    private AutotaskQuery(List<ObjectNode> filters) {
        ArrayNode filter = body.putArray("filter");
        filters.forEach(filter::add);
    }

    public static AutotaskQuery where(ObjectNode... filters) {
        if (filters.length == 0) {
            throw new IllegalArgumentException("Autotask rejects a query without a filter; use gte(\"id\", 0) for all");
        }
        return new AutotaskQuery(List.of(filters));
    }

    /** Every record: Autotask's idiom for an unfiltered query. */
    public static AutotaskQuery all() {
        return where(gte("id", 0));
    }

    public AutotaskQuery maxRecords(int maxRecords) {
        if (maxRecords < 1 || maxRecords > MAX_RECORDS) {
            throw new IllegalArgumentException("MaxRecords must be between 1 and " + MAX_RECORDS + ": " + maxRecords);
        }
        body.put("MaxRecords", maxRecords);
        return this;
    }

    public AutotaskQuery includeFields(String... fields) {
        ArrayNode include = body.putArray("IncludeFields");
        for (String field : fields) {
            include.add(field);
        }
        return this;
    }

    public static ObjectNode eq(String field, Object value) {
        return leaf("eq", field, value);
    }

    public static ObjectNode noteq(String field, Object value) {
        return leaf("noteq", field, value);
    }

    public static ObjectNode gt(String field, Object value) {
        return leaf("gt", field, value);
    }

    public static ObjectNode gte(String field, Object value) {
        return leaf("gte", field, value);
    }

    public static ObjectNode lt(String field, Object value) {
        return leaf("lt", field, value);
    }

    public static ObjectNode lte(String field, Object value) {
        return leaf("lte", field, value);
    }

    public static ObjectNode contains(String field, String value) {
        return leaf("contains", field, value);
    }

    public static ObjectNode beginsWith(String field, String value) {
        return leaf("beginsWith", field, value);
    }

    public static ObjectNode in(String field, Collection<?> values) {
        return leaf("in", field, values);
    }

    public static ObjectNode exist(String field) {
        return JSON.createObjectNode().put("op", "exist").put("field", field);
    }

    public static ObjectNode or(ObjectNode... items) {
        return group("or", items);
    }

    public static ObjectNode and(ObjectNode... items) {
        return group("and", items);
    }

    /** The QueryModel JSON sent as the POST body (and repeated for every next page). */
    public String toJson() {
        return body.toString();
    }

    private static ObjectNode leaf(String op, String field, Object value) {
        ObjectNode node = JSON.createObjectNode().put("op", op).put("field", field);
        node.set("value", JSON.valueToTree(value));
        return node;
    }

    private static ObjectNode group(String op, ObjectNode... items) {
        ObjectNode node = JSON.createObjectNode().put("op", op);
        ArrayNode array = node.putArray("items");
        for (ObjectNode item : items) {
            array.add(item);
        }
        return node;
    }
}
