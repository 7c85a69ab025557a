package io.switchboard.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.contracts.EventJson;
import io.switchboard.contracts.EventTimes;
import io.switchboard.contracts.Vendor;
import io.switchboard.contracts.payload.EntityRef;
import io.switchboard.contracts.payload.TicketEvent;
import io.switchboard.ingest.verification.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Turns a ConnectWise Manage ticket callback into a TicketEvent. {@code Entity} is the saved ticket serialized as
 * a JSON string, with references carrying their names, so labels come for free. Manage does not say which fields
 * changed.
 */
public final class ManageTicketNormalizer {

    private ManageTicketNormalizer() {
    }

    public static TicketEvent normalize(WebhookConnection connection, JsonNode callback) {
        String type = callback.path("Type").asText("");
        if (type.isEmpty()) {
            throw new MalformedWebhookException("Manage callback without Type");
        }
        if (!"ticket".equalsIgnoreCase(type)) {
            throw new NotATicketEventException("Manage callback for type " + type + ", not a ticket");
        }
        TicketEvent.Action action = switch (callback.path("Action").asText().toLowerCase(Locale.ROOT)) {
            case "added" -> TicketEvent.Action.CREATED;
            case "updated" -> TicketEvent.Action.UPDATED;
            case "deleted" -> TicketEvent.Action.DELETED;
            default -> throw new MalformedWebhookException("Manage callback action is not added, updated or deleted");
        };
        JsonNode id = callback.get("ID");
        if (id == null || !id.isValueNode() || !AutotaskTicketNormalizer.isId(id.asText())) {
            throw new MalformedWebhookException("Manage callback without a numeric ID");
        }
        String ticketId = id.asText();
        JsonNode ticket = action == TicketEvent.Action.DELETED ? EventJson.mapper().createObjectNode() : entity(callback);
        String lastUpdated = ticket.path("_info").path("lastUpdated").asText(null);
        String member = callback.path("MemberId").asText(null);
        // A resend of a change carries the same record state whatever its MessageId; two changes within the same
        // second (lastUpdated has seconds only) differ in state: the state's digest tells them apart.
        String sourceEventId = lastUpdated != null
                ? callback.path("CallbackObjectRecId").asText() + "/" + ticketId + "/" + action + "/" + lastUpdated + "/"
                        + digest(callback.get("Entity").asText())
                : callback.path("MessageId").asText("");
        if (sourceEventId.isBlank()) {
            throw new MalformedWebhookException("Manage callback without MessageId");
        }
        return WellFormedText.require(new TicketEvent(action, connection.tenant(), connection.connectionId(),
                Vendor.CONNECTWISE_MANAGE, ticketId, ticketId, ticket.path("summary").asText(null),
                ref(ticket.path("status")), ref(ticket.path("priority")), ref(ticket.path("board")),
                ref(ticket.path("company")), ref(ticket.path("contact")), ref(ticket.path("owner")), List.of(),
                member == null ? TicketEvent.Actor.unknown() : new TicketEvent.Actor(TicketEvent.Actor.Type.MEMBER, member, null),
                sourceEventId, occurredAt(lastUpdated)));
    }

    private static JsonNode entity(JsonNode callback) {
        JsonNode entity = callback.get("Entity");
        if (entity == null || !entity.isTextual()) {
            throw new MalformedWebhookException("Manage callback without an Entity string");
        }
        try {
            JsonNode ticket = EventJson.mapper().readTree(entity.asText());
            if (ticket == null || !ticket.isObject()) {
                throw new MalformedWebhookException("Manage callback Entity is not a JSON object");
            }
            return ticket;
        } catch (IOException e) {
            throw new MalformedWebhookException("Manage callback Entity is not JSON");
        }
    }

    private static String digest(String entity) {
        return HexFormat.of().formatHex(Digests.sha256(entity.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }

    private static EntityRef ref(JsonNode reference) {
        if (!reference.hasNonNull("id") || reference.get("id").asText().isEmpty()) {
            return null;
        }
        String label = reference.hasNonNull("name") ? reference.get("name").asText() : reference.path("identifier").asText(null);
        return new EntityRef(reference.get("id").asText(), label);
    }

    private static Instant occurredAt(String lastUpdated) {
        if (lastUpdated == null) {
            return Instant.now();
        }
        try {
            return EventTimes.parse(lastUpdated);
        } catch (DateTimeParseException e) {
            throw new MalformedWebhookException("Manage _info.lastUpdated is not a date-time");
        }
    }
}
