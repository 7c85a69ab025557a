package io.switchboard.ingest.messaging;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.contracts.CloudEvent;
import io.switchboard.contracts.CloudEventCodec;
import io.switchboard.contracts.EventIds;
import io.switchboard.contracts.EventJson;
import io.switchboard.contracts.EventKeys;
import io.switchboard.contracts.EventSources;
import io.switchboard.contracts.EventTimes;
import io.switchboard.contracts.EventTypes;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.TopicCatalogue;
import io.switchboard.contracts.payload.EntityRef;
import io.switchboard.contracts.payload.RawWebhook;
import io.switchboard.contracts.payload.TicketEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The two Kafka records of one vendor event: the normalized ticket event ({@code tickets.events.v1}, key
 * {@code tenant:vendor:ticketId}) and the raw webhook ({@code webhooks.raw.v1}, key {@code tenant:connectionId}).
 * Their CloudEvent ids derive from the vendor's event identity, so a redelivery produces the same ids.
 *
 * <p>Envelope and payload are streamed in one pass: the same JSON {@link CloudEventCodec#toBytes} writes for
 * {@code CloudEvent.of(...)}, without its detour through a tree (a third of the hot path's CPU), and without Jackson's
 * bean serializers for the two payloads (half of what was left: property writers, type lookups and accessors per field
 * of every webhook). The payloads' fields are written in the records' order, as the mapper writes them;
 * {@code EventRecordsTest} compares the bytes with the mapper's for many generated events.
 */
public final class EventRecords {

    public static final String SERVICE = "webhook-ingest-service";
    private static final ObjectMapper MAPPER = EventJson.mapper();
    /** Sources depend only on tenant and connection: built once (they are URL-encoded). */
    private static final Map<String, String> SOURCES = new ConcurrentHashMap<>();
    static final Topic TICKET_TOPIC = TopicCatalogue.topic(TopicCatalogue.TICKET_EVENTS);
    static final Topic RAW_TOPIC = TopicCatalogue.topic(TopicCatalogue.RAW_WEBHOOKS);
    private static final Header CONTENT_TYPE = new RecordHeader("content-type",
            CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
    /** The enums' JSON names, as their annotations give them to the mapper. */
    private static final Map<TicketEvent.Action, String> ACTIONS = jsonNames(TicketEvent.Action.class);
    private static final Map<TicketEvent.Actor.Type, String> ACTOR_TYPES = jsonNames(TicketEvent.Actor.Type.class);

    /** Writes one payload as the {@code data} value. */
    private interface PayloadWriter<T> {
        void write(JsonGenerator json, T payload) throws IOException;
    }

    /** @param eventId the ticket event's id, the identity the deduplication uses */
    public record Prepared(UUID eventId, ProducerRecord<String, byte[]> ticket, ProducerRecord<String, byte[]> raw) {

        /** Whether each record fits its topic's message limit (the raw topic takes more: a 1 MiB body grows when escaped). */
        public boolean fitsTopics() {
            return ticket.value().length <= TICKET_TOPIC.maxValueBytes() && raw.value().length <= RAW_TOPIC.maxValueBytes();
        }
    }

    private EventRecords() {
    }

    public static Prepared prepare(TicketEvent event, RawWebhook raw) {
        String vendor = event.vendor().wireName();
        String source = SOURCES.computeIfAbsent(EventKeys.connection(event.tenant(), event.connectionId()),
                k -> EventSources.connection(SERVICE, event.tenant(), event.connectionId()));
        String ticketId = EventIds.deterministic(event.tenant(), event.connectionId(), vendor, event.sourceEventId());
        String rawId = EventIds.deterministic(event.tenant(), event.connectionId(), vendor, event.sourceEventId(), "raw");
        byte[] ticketValue = envelope(EventTypes.TICKET, ticketId, source, event.occurredAt(), event.ticketId(), event.tenant(),
                event, EventRecords::writeTicket);
        byte[] rawValue = envelope(EventTypes.RAW_WEBHOOK, rawId, source, raw.receivedAt(), raw.connectionId(), raw.tenant(),
                raw, EventRecords::writeRaw);
        return new Prepared(UUID.fromString(ticketId),
                record(TopicCatalogue.TICKET_EVENTS, EventKeys.ticket(event.tenant(), event.vendor(), event.ticketId()), ticketValue),
                record(TopicCatalogue.RAW_WEBHOOKS, EventKeys.connection(raw.tenant(), raw.connectionId()), rawValue));
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, null, key, value, new RecordHeaders(new Header[]{CONTENT_TYPE}));
    }

    /** The fields and order of {@link CloudEvent} as Jackson writes the record (nulls left out). */
    static <T> byte[] envelope(String type, String id, String source, Instant time, String subject, String tenant, T data,
                               PayloadWriter<T> writer) {
        ByteArrayBuilder buffer = new ByteArrayBuilder(1024);
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(buffer)) {
            json.writeStartObject();
            json.writeStringField("specversion", CloudEvent.SPEC_VERSION);
            json.writeStringField("id", id);
            json.writeStringField("source", source);
            json.writeStringField("type", type);
            json.writeStringField("time", EventTimes.format(time));
            json.writeStringField("subject", subject);
            json.writeStringField("datacontenttype", CloudEvent.DATA_CONTENT_TYPE);
            json.writeStringField("dataschema", EventTypes.schemaUri(type));
            json.writeStringField("tenant", tenant);
            json.writeFieldName("data");
            writer.write(json, data);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("event " + id + " cannot be written", e);
        }
        return buffer.toByteArray();
    }

    /** {@link TicketEvent}, every field always written ({@code null} where unknown), as the payload contract says. */
    static void writeTicket(JsonGenerator json, TicketEvent event) throws IOException {
        json.writeStartObject();
        json.writeStringField("action", ACTIONS.get(event.action()));
        json.writeStringField("tenant", event.tenant());
        json.writeStringField("connectionId", event.connectionId());
        json.writeStringField("vendor", event.vendor().wireName());
        json.writeStringField("ticketId", event.ticketId());
        json.writeStringField("ticketNumber", event.ticketNumber());
        json.writeStringField("title", event.title());
        writeRef(json, "status", event.status());
        writeRef(json, "priority", event.priority());
        writeRef(json, "queue", event.queue());
        writeRef(json, "company", event.company());
        writeRef(json, "contact", event.contact());
        writeRef(json, "assignee", event.assignee());
        json.writeArrayFieldStart("changedFields");
        for (String field : event.changedFields()) {
            json.writeString(field);
        }
        json.writeEndArray();
        TicketEvent.Actor actor = event.actor();
        json.writeObjectFieldStart("actor");
        json.writeStringField("type", ACTOR_TYPES.get(actor.type()));
        json.writeStringField("id", actor.id());
        json.writeStringField("label", actor.label());
        json.writeEndObject();
        json.writeStringField("sourceEventId", event.sourceEventId());
        json.writeStringField("occurredAt", EventTimes.format(event.occurredAt()));
        json.writeEndObject();
    }

    private static void writeRef(JsonGenerator json, String name, EntityRef ref) throws IOException {
        if (ref == null) {
            json.writeNullField(name);
            return;
        }
        json.writeObjectFieldStart(name);
        json.writeStringField("id", ref.id());
        json.writeStringField("label", ref.label());
        json.writeEndObject();
    }

    /** {@link RawWebhook}: headers in the record's (sorted) order, the body as one string. */
    static void writeRaw(JsonGenerator json, RawWebhook raw) throws IOException {
        json.writeStartObject();
        json.writeStringField("tenant", raw.tenant());
        json.writeStringField("connectionId", raw.connectionId());
        json.writeStringField("vendor", raw.vendor().wireName());
        json.writeStringField("receivedAt", EventTimes.format(raw.receivedAt()));
        json.writeStringField("contentType", raw.contentType());
        json.writeObjectFieldStart("headers");
        for (Map.Entry<String, String> header : raw.headers().entrySet()) {
            json.writeStringField(header.getKey(), header.getValue());
        }
        json.writeEndObject();
        json.writeStringField("body", raw.body());
        json.writeBooleanField("verified", raw.verified());
        json.writeEndObject();
    }

    private static <E extends Enum<E>> Map<E, String> jsonNames(Class<E> type) {
        Map<E, String> names = new EnumMap<>(type);
        for (E constant : type.getEnumConstants()) {
            names.put(constant, MAPPER.convertValue(constant, String.class));
        }
        return names;
    }
}
