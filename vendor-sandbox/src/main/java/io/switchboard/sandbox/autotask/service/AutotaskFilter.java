package io.switchboard.sandbox.autotask.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.sandbox.data.Json;
import io.switchboard.sandbox.query.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** Compiles an Autotask QueryModel "filter" array (leaf operators, nested and/or) into a record predicate. */
public final class AutotaskFilter {
    private AutotaskFilter() {
    }

    /** Top-level entries are ANDed. */
    public static Predicate<ObjectNode> compile(JsonNode filter, AutotaskSchema.Entity entity) {
        if (filter == null || !filter.isArray() || filter.isEmpty()) {
            throw new AutotaskException(500, "The filter parameter is required.");
        }
        List<Predicate<ObjectNode>> all = new ArrayList<>();
        filter.forEach(f -> all.add(one(f, entity)));
        return r -> all.stream().allMatch(p -> p.test(r));
    }

    /**
     * The lowest id a match can have, from top-level id leaves (gt, gte, eq), so the "id > last seen" paging idiom
     * scans from there instead of from the first record; 0 when the filter gives no bound.
     */
    public static long idFloor(JsonNode filter) {
        long floor = 0;
        if (filter != null && filter.isArray()) {
            for (JsonNode f : filter) {
                JsonNode field = Json.getIgnoreCase(f, "field");
                JsonNode op = Json.getIgnoreCase(f, "op");
                JsonNode value = Json.getIgnoreCase(f, "value");
                if (field == null || op == null || value == null || !value.isNumber() || !field.asText().equalsIgnoreCase("id")) {
                    continue;
                }
                switch (op.asText().toLowerCase(Locale.ROOT)) {
                    case "gt" -> floor = Math.max(floor, (long) Math.floor(value.asDouble()) + 1);
                    case "gte", "eq" -> floor = Math.max(floor, (long) Math.ceil(value.asDouble()));
                    default -> {
                    }
                }
            }
        }
        return floor;
    }

    private static Predicate<ObjectNode> one(JsonNode f, AutotaskSchema.Entity entity) {
        JsonNode opNode = Json.getIgnoreCase(f, "op");
        if (opNode == null) {
            throw new AutotaskException(500, "Filter is missing the op parameter.");
        }
        String op = opNode.asText().toLowerCase(Locale.ROOT);
        if (op.equals("and") || op.equals("or")) {
            JsonNode items = Json.getIgnoreCase(f, "items");
            List<Predicate<ObjectNode>> parts = new ArrayList<>();
            if (items != null) {
                items.forEach(i -> parts.add(one(i, entity)));
            }
            return op.equals("and") ? r -> parts.stream().allMatch(p -> p.test(r))
                    : r -> parts.stream().anyMatch(p -> p.test(r));
        }
        JsonNode fieldNode = Json.getIgnoreCase(f, "field");
        AutotaskSchema.Field field = fieldNode == null ? null : entity.field(fieldNode.asText());
        if (field == null) {
            throw new AutotaskException(500, "Unable to find " + (fieldNode == null ? "" : fieldNode.asText())
                    + " in the " + entity.name() + " entity.");
        }
        String key = field.name();
        JsonNode value = Json.getIgnoreCase(f, "value");
        Object lit = literal(value);
        return switch (op) {
            case "eq" -> r -> Values.compare(r.get(key), lit) == 0;
            case "noteq" -> r -> Values.compare(r.get(key), lit) != 0;
            case "gt" -> r -> cmp(r.get(key), lit) > 0;
            case "gte" -> r -> cmp(r.get(key), lit) >= 0;
            case "lt" -> r -> { int c = Values.compare(r.get(key), lit); return c != Integer.MIN_VALUE && c < 0; };
            case "lte" -> r -> { int c = Values.compare(r.get(key), lit); return c != Integer.MIN_VALUE && c <= 0; };
            case "beginswith" -> r -> text(r, key).startsWith(lower(lit));
            case "endswith" -> r -> text(r, key).endsWith(lower(lit));
            case "contains" -> r -> text(r, key).contains(lower(lit));
            case "exist" -> r -> !Values.isNull(r.get(key)) && !r.get(key).asText().isEmpty();
            case "notexist" -> r -> Values.isNull(r.get(key)) || r.get(key).asText().isEmpty();
            case "in", "notin" -> {
                if (value == null || !value.isArray()) {
                    throw new AutotaskException(500, "The " + op + " operator requires an array value.");
                }
                List<Object> options = new ArrayList<>();
                value.forEach(v -> options.add(literal(v)));
                boolean in = op.equals("in");
                yield r -> options.stream().anyMatch(o -> Values.compare(r.get(key), o) == 0) == in;
            }
            default -> throw new AutotaskException(500, "Invalid filter operator: " + opNode.asText());
        };
    }

    private static int cmp(JsonNode stored, Object lit) {
        return Values.compare(stored, lit);
    }

    private static Object literal(JsonNode v) {
        if (Values.isNull(v)) {
            return null;
        }
        if (v.isNumber()) {
            return v.numberValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return v.asText();
    }

    private static String text(ObjectNode r, String key) {
        String t = Values.text(r.get(key));
        return t == null ? "\u0000" : t.toLowerCase(Locale.ROOT);
    }

    private static String lower(Object lit) {
        return lit == null ? "" : lit.toString().toLowerCase(Locale.ROOT);
    }
}
