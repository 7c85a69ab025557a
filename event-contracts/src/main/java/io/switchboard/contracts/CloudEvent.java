package io.switchboard.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the whole record value on Kafka is this object.
 *
 * <p>{@code data} is kept as a {@link JsonNode} so one Kafka serializer/deserializer pair handles every topic;
 * read the payload with {@link #data(Class)}. Extension attributes other than {@code tenant} are not kept.
 *
 * @param id          unique per {@code source}, and <b>deterministic</b>: a redelivery of the same vendor event
 *                    (webhook retry, outbox replay, re-sync) carries the same id, so consumers deduplicate on
 *                    it. Build it with {@link EventIds#deterministic(String...)}, never with a random UUID.
 * @param source      URI reference of the producer, see {@link EventSources}
 * @param type        one of {@link EventTypes}; the data schema follows from it
 * @param time        when the change happened at the vendor (or was observed), RFC 3339 in UTC
 * @param subject     what the event is about inside the source, e.g. the ticket id
 * @param dataschema  URI of the JSON Schema of {@code data}; filled in by {@link #of} for known types
 * @param tenant      extension attribute: the MSP the event belongs to (absent only on a dead letter whose
 *                    tenant could not be read)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        Instant time,
        String subject,
        String datacontenttype,
        String dataschema,
        String tenant,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";

    public CloudEvent {
        if (!SPEC_VERSION.equals(specversion)) {
            throw new IllegalArgumentException("specversion must be " + SPEC_VERSION + ": " + specversion);
        }
        requireText(id, "id");
        requireText(source, "source");
        requireText(type, "type");
    }

    /** Builds an event around a payload record (one of the types in {@code io.switchboard.contracts.payload}). */
    public static CloudEvent of(String type, String source, String subject, String tenant, String id, Instant time,
                                Object payload) {
        return new CloudEvent(SPEC_VERSION, id, source, type, time, subject, DATA_CONTENT_TYPE,
                EventTypes.isKnown(type) ? EventTypes.schemaUri(type) : null,
                tenant, toTree(payload));
    }

    /** The payload as a record, e.g. {@code event.data(TicketEvent.class)}. */
    public <T> T data(Class<T> payloadType) {
        if (data == null || data.isNull()) {
            throw new InvalidEventException(List.of("event " + id + " has no data"));
        }
        try {
            return EventJson.mapper().treeToValue(data, payloadType);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException(
                    List.of("data of event " + id + " is not a " + payloadType.getSimpleName() + ": " + e.getMessage()), e);
        }
    }

    // Through bytes rather than valueToTree: in memory a long becomes a LongNode, parsed it becomes an IntNode,
    // and an event must still equal itself after a trip over Kafka.
    private static JsonNode toTree(Object payload) {
        try {
            return EventJson.mapper().readTree(EventJson.mapper().writeValueAsBytes(payload));
        } catch (IOException e) {
            throw new IllegalArgumentException("payload cannot be written as JSON: " + payload.getClass(), e);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
