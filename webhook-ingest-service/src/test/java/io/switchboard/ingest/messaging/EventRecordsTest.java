package io.switchboard.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.contracts.CloudEvent;
import io.switchboard.contracts.CloudEventCodec;
import io.switchboard.contracts.EventIds;
import io.switchboard.contracts.EventKeys;
import io.switchboard.contracts.EventSources;
import io.switchboard.contracts.EventTypes;
import io.switchboard.contracts.TopicCatalogue;
import io.switchboard.contracts.Vendor;
import io.switchboard.contracts.payload.EntityRef;
import io.switchboard.contracts.payload.RawWebhook;
import io.switchboard.contracts.payload.TicketEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import io.switchboard.contracts.EventJson;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streamed envelopes are the events the contract's own codec would write, valid, keyed and identified per contract. */
class EventRecordsTest {

    private static final Instant AT = Instant.parse("2026-11-22T09:41:05.123Z");
    private static final TicketEvent TICKET = new TicketEvent(TicketEvent.Action.UPDATED, "acme-msp", "conn-1", Vendor.AUTOTASK,
            "48213", null, "Drucker \u00e9 \"quoted\" \ud83d\udda8", new EntityRef("8", "In Progress"), null, null, null, null,
            new EntityRef("29684104", null), List.of("status", "assignee"),
            new TicketEvent.Actor(TicketEvent.Actor.Type.RESOURCE, "29684104", null), "guid-1/7", AT);
    private static final RawWebhook RAW = new RawWebhook("acme-msp", "conn-1", Vendor.AUTOTASK, AT.plusMillis(80),
            "application/json", Map.of("Content-Type", "application/json", "X-Hook-Signature", "sha1=abc", "Authorization", "Basic x"),
            "{\"Action\":\"Update\",\"Title\":\"Drucker \\u00E9\"}", true);

    @Test
    void theTicketEventIsWhatTheCodecWritesAndValid() {
        EventRecords.Prepared prepared = EventRecords.prepare(TICKET, RAW);
        String id = EventIds.deterministic("acme-msp", "conn-1", "autotask", "guid-1/7");
        CloudEvent expected = CloudEvent.of(EventTypes.TICKET, EventSources.connection("webhook-ingest-service", "acme-msp", "conn-1"),
                "48213", "acme-msp", id, AT, TICKET);

        assertThat(prepared.ticket().value()).isEqualTo(CloudEventCodec.toBytes(expected));
        assertThat(CloudEventCodec.fromBytesValidated(prepared.ticket().value())).isEqualTo(expected);
        assertThat(prepared.eventId()).hasToString(id);
        assertThat(prepared.ticket().topic()).isEqualTo(TopicCatalogue.TICKET_EVENTS);
        assertThat(prepared.ticket().key()).isEqualTo(EventKeys.ticket("acme-msp", Vendor.AUTOTASK, "48213"));
        assertThat(new String(prepared.ticket().headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo(CloudEventCodec.CONTENT_TYPE);
    }

    @Test
    void theRawWebhookIsValidKeyedByConnectionAndCarriesNoCredentials() {
        EventRecords.Prepared prepared = EventRecords.prepare(TICKET, RAW);
        CloudEvent raw = CloudEventCodec.fromBytesValidated(prepared.raw().value());

        assertThat(prepared.raw().topic()).isEqualTo(TopicCatalogue.RAW_WEBHOOKS);
        assertThat(prepared.raw().key()).isEqualTo(EventKeys.connection("acme-msp", "conn-1"));
        assertThat(raw.type()).isEqualTo(EventTypes.RAW_WEBHOOK);
        assertThat(raw.id()).isEqualTo(EventIds.deterministic("acme-msp", "conn-1", "autotask", "guid-1/7", "raw"))
                .isNotEqualTo(prepared.eventId().toString());
        assertThat(raw.data(RawWebhook.class)).isEqualTo(RAW);
        assertThat(raw.data(RawWebhook.class).headers()).containsOnlyKeys("content-type", "x-hook-signature");
    }

    @Test
    void aRedeliveryGetsTheSameIds() {
        RawWebhook later = new RawWebhook("acme-msp", "conn-1", Vendor.AUTOTASK, AT.plusSeconds(30), "application/json",
                Map.of(), RAW.body(), true);
        EventRecords.Prepared first = EventRecords.prepare(TICKET, RAW);
        EventRecords.Prepared again = EventRecords.prepare(TICKET, later);

        assertThat(again.eventId()).isEqualTo(first.eventId());
        assertThat(CloudEventCodec.fromBytes(again.raw().value()).id()).isEqualTo(CloudEventCodec.fromBytes(first.raw().value()).id());
    }

    /** The hand-streamed payloads against the mapper, over generated events: nulls, escapes, non-ASCII, every enum value. */
    @Test
    void streamedPayloadsAreByteForByteWhatTheMapperWrites() throws Exception {
        Random random = new Random(20261203);
        for (int i = 0; i < 2_000; i++) {
            TicketEvent ticket = new TicketEvent(pick(random, TicketEvent.Action.values()), text(random), text(random),
                    pick(random, Vendor.values()), text(random), maybe(random), maybe(random), ref(random), ref(random),
                    ref(random), ref(random), ref(random), ref(random),
                    random.ints(random.nextInt(4)).mapToObj(n -> text(random)).toList(),
                    new TicketEvent.Actor(pick(random, TicketEvent.Actor.Type.values()), maybe(random), maybe(random)),
                    text(random), Instant.ofEpochMilli(random.nextLong(4_102_444_800_000L)).plusNanos(random.nextInt(1_000_000)));
            Map<String, String> headers = new HashMap<>();
            random.ints(random.nextInt(5)).forEach(n -> headers.put(text(random), text(random)));
            RawWebhook raw = new RawWebhook(text(random), text(random), pick(random, Vendor.values()), ticket.occurredAt(),
                    maybe(random), headers, text(random), random.nextBoolean());

            assertThat(streamed(json -> EventRecords.writeTicket(json, ticket))).isEqualTo(EventJson.mapper().writeValueAsString(ticket));
            assertThat(streamed(json -> EventRecords.writeRaw(json, raw))).isEqualTo(EventJson.mapper().writeValueAsString(raw));
        }
    }

    private interface Writing {
        void write(JsonGenerator json) throws IOException;
    }

    private static String streamed(Writing writing) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = EventJson.mapper().getFactory().createGenerator(out)) {
            writing.write(json);
        }
        return out.toString();
    }

    private static final String[] PIECES = {"a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u0001", "\u001f", "\u007f",
            "\u00e9", "\u2028", "\u20ac", "\ud83d\udda8", "<", "&", "'", "{\"k\":1}", "T20261122.0001"};

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(12); n > 0; n--) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    private static String maybe(Random random) {
        return random.nextInt(3) == 0 ? null : text(random);
    }

    private static EntityRef ref(Random random) {
        return random.nextInt(3) == 0 ? null : new EntityRef(text(random), maybe(random));
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
