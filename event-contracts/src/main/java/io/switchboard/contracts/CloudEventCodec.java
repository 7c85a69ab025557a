package io.switchboard.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;

/**
 * Bytes on the wire for every topic, independent of any Kafka client: wrap these calls in a Serializer /
 * Deserializer (or a Quarkus/SmallRye one) in the service.
 */
public final class CloudEventCodec {

    /** Kafka {@code content-type} header value for structured-mode CloudEvents (CloudEvents Kafka binding). */
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    private CloudEventCodec() {
    }

    public static byte[] toBytes(CloudEvent event) {
        try {
            return EventJson.mapper().writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.id() + " cannot be written as JSON", e);
        }
    }

    /** Parses without schema validation; throws {@link InvalidEventException} when it is not a CloudEvent. */
    public static CloudEvent fromBytes(byte[] bytes) {
        return fromTree(readTree(bytes));
    }

    /** Parses and validates envelope and payload: what a consumer should call before acting on an event. */
    public static CloudEvent fromBytesValidated(byte[] bytes) {
        JsonNode tree = readTree(bytes);
        EventSchemas.requireValid(tree);
        return fromTree(tree);
    }

    public static CloudEvent fromTree(JsonNode tree) {
        try {
            return EventJson.mapper().treeToValue(tree, CloudEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException(List.of("not a CloudEvent: " + e.getMessage()), e);
        }
    }

    public static JsonNode readTree(byte[] bytes) {
        if (bytes == null) {
            // A null value on a compacted topic is a tombstone, not an event: callers must handle it first.
            throw new InvalidEventException(List.of("no value (tombstone)"));
        }
        try {
            JsonNode tree = EventJson.mapper().readTree(bytes);
            if (tree == null || !tree.isObject()) {
                throw new InvalidEventException(List.of("value is not a JSON object"));
            }
            return tree;
        } catch (IOException e) {
            throw new InvalidEventException(List.of("value is not JSON: " + e.getMessage()), e);
        }
    }
}
