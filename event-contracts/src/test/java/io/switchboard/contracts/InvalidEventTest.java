package io.switchboard.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class InvalidEventTest {

    private static ObjectNode valid(String type) {
        return EventJson.mapper().valueToTree(Fixtures.allTypes().get(type));
    }

    private static List<String> errorsAfter(String type, Consumer<ObjectNode> change) {
        ObjectNode event = valid(type);
        change.accept(event);
        return EventSchemas.validate(event);
    }

    private static ObjectNode data(ObjectNode event) {
        return (ObjectNode) event.get("data");
    }

    @Test
    void theUnchangedEventIsValid() {
        assertThat(EventSchemas.validate(valid(EventTypes.TICKET))).isEmpty();
    }

    @Test
    void missingIdIsRejected() {
        assertThat(errorsAfter(EventTypes.TICKET, e -> e.remove("id")))
                .singleElement().asString().startsWith("$:").contains("id");
    }

    @Test
    void wrongSpecVersionIsRejected() {
        assertThat(errorsAfter(EventTypes.TICKET, e -> e.put("specversion", "0.3")))
                .singleElement().asString().startsWith("$.specversion");
    }

    @Test
    void malformedDateTimesAreRejectedInEnvelopeAndData() {
        assertThat(errorsAfter(EventTypes.TICKET, e -> e.put("time", "2026-11-22 09:41")))
                .singleElement().asString().startsWith("$.time");
        assertThat(errorsAfter(EventTypes.TICKET, e -> data(e).put("occurredAt", "yesterday")))
                .singleElement().asString().startsWith("$.data.occurredAt");
        assertThat(errorsAfter(EventTypes.SYNC_COMMAND, e -> data(e).put("requestedAt", "2026-11-22T09:41:05")))
                .as("a date-time without offset is not RFC 3339")
                .singleElement().asString().startsWith("$.data.requestedAt");
    }

    @Test
    void unknownActionIsRejected() {
        assertThat(errorsAfter(EventTypes.TICKET, e -> data(e).put("action", "merged")))
                .singleElement().asString().startsWith("$.data.action");
        assertThat(errorsAfter(EventTypes.INTEGRATION, e -> data(e).put("action", "deleted")))
                .as("integrations are 'removed', not 'deleted'")
                .singleElement().asString().startsWith("$.data.action");
    }

    @Test
    void unknownTypeIsRejected() {
        assertThat(errorsAfter(EventTypes.TICKET, e -> e.put("type", "io.switchboard.ticket.v9")))
                .singleElement().asString().contains("unknown event type 'io.switchboard.ticket.v9'");
    }

    @Test
    void integrationEventCannotCarryASecret() {
        assertThat(errorsAfter(EventTypes.INTEGRATION, e -> data(e).put("secret", "hunter2")))
                .singleElement().asString().startsWith("$.data").contains("secret");
        assertThat(errorsAfter(EventTypes.INTEGRATION,
                e -> ((ObjectNode) data(e).get("settings")).put("clientSecret", "hunter2")))
                .isNotEmpty().allMatch(m -> m.startsWith("$.data.settings"));
        assertThat(errorsAfter(EventTypes.INTEGRATION,
                e -> ((ObjectNode) data(e).get("settings")).put("privateKey", "k")))
                .isNotEmpty();
    }

    @Test
    void rawWebhookCannotCarryCredentialHeaders() {
        assertThat(errorsAfter(EventTypes.RAW_WEBHOOK,
                e -> ((ObjectNode) data(e).get("headers")).put("authorization", "Basic eDp5")))
                .isNotEmpty().allMatch(m -> m.startsWith("$.data.headers"));
    }

    @Test
    void tenantIsRequiredAndMustMatchThePayload() {
        assertThat(errorsAfter(EventTypes.TICKET, e -> e.remove("tenant"))).isNotEmpty();
        assertThat(errorsAfter(EventTypes.TICKET, e -> e.put("tenant", "other-msp")))
                .singleElement().asString().contains("other-msp").contains("acme-msp");
        assertThat(errorsAfter(EventTypes.DEAD_LETTER, e -> { })).as("a dead letter may have no tenant").isEmpty();
    }

    @Test
    void keyPartsMayNotContainColons() {
        assertThat(errorsAfter(EventTypes.TICKET, e -> {
            e.put("tenant", "a:b");
            data(e).put("tenant", "a:b");
        })).hasSize(2);
    }

    @Test
    void failedSyncRunNeedsAnError() {
        assertThat(errorsAfter(EventTypes.SYNC_RUN, e -> data(e).put("state", "failed"))).isNotEmpty();
        assertThat(errorsAfter(EventTypes.SYNC_RUN, e -> {
            data(e).put("state", "failed");
            data(e).putObject("error").put("code", "vendor-unauthorized").put("message", "401");
        })).isEmpty();
    }

    @Test
    void missingRequiredPayloadFieldIsRejected() {
        assertThat(errorsAfter(EventTypes.WORKFLOW_EXECUTION, e -> data(e).remove("triggerEventId")))
                .singleElement().asString().startsWith("$.data").contains("triggerEventId");
    }

    @Test
    void requireValidListsEveryError() {
        ObjectNode event = valid(EventTypes.TICKET);
        event.remove("id");
        data(event).put("action", "merged");
        assertThatThrownBy(() -> EventSchemas.requireValid((JsonNode) event))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.errors()).hasSize(2);
                    assertThat(e.getMessage()).contains("id").contains("$.data.action");
                });
    }

    @Test
    void requireValidAcceptsAndReturnsAValidEvent() {
        CloudEvent event = Fixtures.ticketEvent();
        assertThat(EventSchemas.requireValid(event)).isSameAs(event);
    }
}
