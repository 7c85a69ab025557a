package io.switchboard.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.contracts.EventJson;
import io.switchboard.contracts.Vendor;
import io.switchboard.contracts.payload.EntityRef;
import io.switchboard.contracts.payload.TicketEvent;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
        if (!"ticket".equalsIgnoreCase(callback.path("Type").asText())) {
            throw new NotATicketEventException("Manage callback for type " + callback.path("Type").asText() + ", not a ticket");
        }
        TicketEvent.Action action = switch (callback.path("Action").asText().toLowerCase(Locale.ROOT)) {
            case "added" -> TicketEvent.Action.CREATED;
            case "updated" -> TicketEvent.Action.UPDATED;
            case "deleted" -> TicketEvent.Action.DELETED;
            default -> throw new NotATicketEventException("Manage callback action " + callback.path("Action").asText() + " is not a ticket change");
        };
        if (!callback.hasNonNull("ID")) {
            throw new NotATicketEventException("Manage callback without ID");
        }
        String ticketId = callback.get("ID").asText();
        JsonNode ticket = action == TicketEvent.Action.DELETED ? EventJson.mapper().createObjectNode() : entity(callback);
        String lastUpdated = ticket.path("_info").path("lastUpdated").asText(null);
        String member = callback.path("MemberId").asText(null);
        // a resend of the same change carries the same record state, whatever its MessageId
        String sourceEventId = lastUpdated != null
                ? callback.path("CallbackObjectRecId").asText() + "/" + ticketId + "/" + action + "/" + lastUpdated
                : callback.path("MessageId").asText();
        return new TicketEvent(action, connection.tenant(), connection.connectionId(), Vendor.CONNECTWISE_MANAGE, ticketId,
                ticketId, ticket.path("summary").asText(null),
                ref(ticket.path("status")), ref(ticket.path("priority")), ref(ticket.path("board")),
                ref(ticket.path("company")), ref(ticket.path("contact")), ref(ticket.path("owner")), List.of(),
                member == null ? TicketEvent.Actor.unknown() : new TicketEvent.Actor(TicketEvent.Actor.Type.MEMBER, member, null),
                sourceEventId, occurredAt(lastUpdated));
    }

    private static JsonNode entity(JsonNode callback) {
        JsonNode entity = callback.get("Entity");
        if (entity == null || !entity.isTextual()) {
            throw new NotATicketEventException("Manage callback without an Entity string");
        }
        try {
            return EventJson.mapper().readTree(entity.asText());
        } catch (IOException e) {
            throw new NotATicketEventException("Manage callback Entity is not JSON");
        }
    }

    private static EntityRef ref(JsonNode reference) {
        if (!reference.hasNonNull("id")) {
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
            return Instant.parse(lastUpdated);
        } catch (DateTimeParseException e) {
            throw new NotATicketEventException("Manage _info.lastUpdated is not a date-time: " + lastUpdated);
        }
    }
}
