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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
}
