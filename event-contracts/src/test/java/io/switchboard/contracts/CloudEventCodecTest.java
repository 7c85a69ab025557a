package io.switchboard.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.contracts.payload.SyncRunEvent;
import io.switchboard.contracts.payload.TicketEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CloudEventCodecTest {

    @Test
    void bytesRoundTripKeepsEnvelopeAndPayload() {
        CloudEvent event = Fixtures.ticketEvent();
        byte[] bytes = CloudEventCodec.toBytes(event);
        CloudEvent back = CloudEventCodec.fromBytes(bytes);
        assertThat(back).isEqualTo(event);
        assertThat(back.data(TicketEvent.class)).isEqualTo(Fixtures.ticket());
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .contains("\"specversion\":\"1.0\"", "\"tenant\":\"acme-msp\"", "\"time\":\"2026-11-22T09:41:05.123456Z\"");
    }

    @Test
    void optionalAttributesAreOmittedNotNull() {
        CloudEvent event = CloudEvent.of("io.example.other.v1", "/x", null, "t", "id-1", Instant.EPOCH,
                new TicketEvent.Actor(TicketEvent.Actor.Type.API, "1", null));
        String json = new String(CloudEventCodec.toBytes(event), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("subject", "dataschema");
    }

    @Test
    void offsetTimesAreReadAsTheSameInstant() {
        String json = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\","
                + "\"time\":\"2026-11-22T10:02:31+01:00\",\"data\":{}}";
        assertThat(CloudEventCodec.fromBytes(json.getBytes(StandardCharsets.UTF_8)).time())
                .isEqualTo(Instant.parse("2026-11-22T09:02:31Z"));
    }

    @Test
    void garbageTombstonesAndWrongSpecVersionRaiseInvalidEvent() {
        assertThatThrownBy(() -> CloudEventCodec.fromBytes("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> CloudEventCodec.fromBytes("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> CloudEventCodec.fromBytes(null))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("tombstone");
        assertThatThrownBy(() -> CloudEventCodec.fromBytes(
                "{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("specversion");
    }

    @Test
    void validatedDecodingRejectsSchemaViolations() {
        String bad = new String(CloudEventCodec.toBytes(Fixtures.ticketEvent()), StandardCharsets.UTF_8)
                .replace("\"action\":\"updated\"", "\"action\":\"merged\"");
        assertThatThrownBy(() -> CloudEventCodec.fromBytesValidated(bad.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.errors()).singleElement().asString().startsWith("$.data.action"));
    }

    @Test
    void readingThePayloadAsTheWrongTypeRaisesInvalidEvent() {
        assertThatThrownBy(() -> Fixtures.ticketEvent().data(SyncRunEvent.class))
                .isInstanceOf(InvalidEventException.class);
    }
}
