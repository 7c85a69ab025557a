package io.switchboard.sandbox.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** One shared mapper and the case-insensitive lookups the vendors' loose key binding needs. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {
    }

    public static ObjectNode obj() {
        return F.objectNode();
    }

    public static ArrayNode arr() {
        return F.arrayNode();
    }

    public static JsonNode parse(String s) {
        try {
            return MAPPER.readTree(s);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage());
        }
    }

    public static byte[] bytes(JsonNode n) {
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String string(JsonNode n) {
        return new String(bytes(n), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Value of {@code key} matched ignoring case, or null. */
    public static JsonNode getIgnoreCase(JsonNode node, String key) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode exact = node.get(key);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Follows a path of keys (case-insensitive); null when any step is missing. */
    public static JsonNode path(JsonNode node, String[] keys) {
        JsonNode cur = node;
        for (String k : keys) {
            cur = getIgnoreCase(cur, k);
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }
}
