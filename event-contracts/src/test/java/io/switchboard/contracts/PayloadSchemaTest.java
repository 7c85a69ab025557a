package io.switchboard.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.contracts.payload.IntegrationEvent;
import io.switchboard.contracts.payload.RawWebhook;
import io.switchboard.contracts.payload.ReferenceRecord;
import io.switchboard.contracts.payload.TicketEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadSchemaTest {

    @Test
    void fixturesCoverEveryEventType() {
        assertThat(Fixtures.allTypes().keySet()).containsExactlyInAnyOrderElementsOf(EventTypes.all());
    }

    @Test
    void everyPayloadBuiltFromRecordsValidatesAgainstItsSchema() {
        Fixtures.allTypes().forEach((type, event) -> {
            JsonNode json = EventJson.mapper().valueToTree(event);
            assertThat(EventSchemas.validate(json)).as(type).isEmpty();
            assertThat(json.path("dataschema").asText()).as(type).isEqualTo(EventTypes.schemaUri(type));
        });
    }

    @Test
    void everyPayloadSurvivesTheBytesRoundTrip() {
        Fixtures.allTypes().forEach((type, event) -> {
            CloudEvent back = CloudEventCodec.fromBytesValidated(CloudEventCodec.toBytes(event));
            assertThat(back).as(type).isEqualTo(event);
            Object payload = back.data(EventTypes.payloadClass(type));
            assertThat(payload).as(type).isEqualTo(event.data(EventTypes.payloadClass(type)));
        });
    }

    @Test
    void ticketPayloadRoundTripsToTheSameRecord() {
        CloudEvent back = CloudEventCodec.fromBytes(CloudEventCodec.toBytes(Fixtures.ticketEvent()));
        assertThat(back.data(TicketEvent.class)).isEqualTo(Fixtures.ticket());
        assertThat(back.time()).isEqualTo(Fixtures.AT);
    }

    @Test
    void jsonUsesTheWireNames() {
        JsonNode data = EventJson.mapper().valueToTree(Fixtures.ticket());
        assertThat(data.get("vendor").asText()).isEqualTo("autotask");
        assertThat(data.get("action").asText()).isEqualTo("updated");
        assertThat(data.get("actor").get("type").asText()).isEqualTo("resource");
        assertThat(data.get("occurredAt").asText()).isEqualTo("2026-11-22T09:41:05.123456Z");
        assertThat(data.has("contact")).as("null fields are written, not dropped").isTrue();
        assertThat(data.get("contact").isNull()).isTrue();
    }

    @Test
    void rawWebhookNeverCarriesCredentialHeaders() {
        RawWebhook raw = new RawWebhook("t", "c", Vendor.CONNECTWISE_MANAGE, Instant.EPOCH, "application/json",
                Map.of("Authorization", "Basic c2VjcmV0", "Cookie", "s=1", "X-Content-Signature", "sig"), "{}", true);
        assertThat(raw.headers()).containsOnlyKeys("x-content-signature");
    }

    @Test
    void integrationEventRefusesSecretLikeSettings() {
        assertThatThrownBy(() -> new IntegrationEvent(IntegrationEvent.Action.UPDATED, "t", "c", Vendor.AUTOTASK,
                "x", Map.of("apiSecret", "hunter2"), Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiSecret")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void referenceAttributesMustBeScalars() {
        assertThatThrownBy(() -> new ReferenceRecord("t", Vendor.AUTOTASK, ReferenceRecord.Kind.COMPANY, "1", "x",
                true, Map.of("nested", Map.of("a", 1)), Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void referenceKindsPublishToCatalogueTopicsCarryingReferenceRecords() {
        for (ReferenceRecord.Kind kind : ReferenceRecord.Kind.values()) {
            assertThat(TopicCatalogue.topic(kind.topic()).eventTypes()).as(kind.name()).containsExactly(EventTypes.REFERENCE);
        }
    }

    @Test
    void everyCatalogueEventTypeIsKnown() {
        TopicCatalogue.topics().forEach(topic ->
                assertThat(topic.eventTypes()).as(topic.name()).allMatch(EventTypes::isKnown));
    }
}
