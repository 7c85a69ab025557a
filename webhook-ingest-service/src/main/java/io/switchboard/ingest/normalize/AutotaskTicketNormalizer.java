package io.switchboard.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.contracts.EventTimes;
import io.switchboard.contracts.Vendor;
import io.switchboard.contracts.payload.EntityRef;
import io.switchboard.contracts.payload.TicketEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns an Autotask ticket callout ({@code {"Action","Guid","EntityType","Id","Fields",...}}) into a TicketEvent.
 * Key casing in real traffic is unconfirmed ({@code PersonID} vs {@code PersonId}, field names), so every key is
 * matched case-insensitively. Labels stay empty here: callouts carry ids only.
 */
public final class AutotaskTicketNormalizer {

    /** Autotask field name (lower case) → the TicketEvent name of that field. */
    private static final Map<String, String> CANONICAL = Map.of(
            "status", "status", "priority", "priority", "queueid", "queue", "companyid", "company",
            "contactid", "contact", "assignedresourceid", "assignee", "title", "title", "ticketnumber", "ticketNumber");

    private AutotaskTicketNormalizer() {
    }

    /** True for the notice Autotask sends when it deactivated (or deleted) the webhook. */
    public static boolean isDeactivation(JsonNode callout) {
        return "deactivated".equalsIgnoreCase(text(callout, "Action"));
    }

    public static TicketEvent normalize(WebhookConnection connection, JsonNode callout) {
        String entityType = text(callout, "EntityType");
        if (entityType == null) {
            throw new MalformedWebhookException("Autotask callout without EntityType");
        }
        if (!"ticket".equalsIgnoreCase(entityType)) {
            throw new NotATicketEventException("Autotask callout for entity " + entityType + ", not a ticket");
        }
        TicketEvent.Action action = switch (String.valueOf(text(callout, "Action")).toLowerCase(Locale.ROOT)) {
            case "create" -> TicketEvent.Action.CREATED;
            case "update" -> TicketEvent.Action.UPDATED;
            case "delete" -> TicketEvent.Action.DELETED;
            default -> throw new MalformedWebhookException("Autotask callout action is not create, update or delete");
        };
        String ticketId = text(callout, "Id");
        String guid = text(callout, "Guid");
        String sequence = text(callout, "SequenceNumber");
        if (ticketId == null || guid == null || guid.isBlank() || sequence == null || sequence.isBlank()) {
            throw new MalformedWebhookException("Autotask callout without Id, Guid or SequenceNumber");
        }
        if (!isId(ticketId)) {
            throw new MalformedWebhookException("Autotask ticket Id is not a number");
        }
        JsonNode fields = get(callout, "Fields");
        if (fields != null && !fields.isNull() && !fields.isObject()) {
            throw new MalformedWebhookException("Autotask callout Fields is not an object");
        }
        Set<String> changed = new LinkedHashSet<>();
        if (fields != null) {
            fields.fieldNames().forEachRemaining(name -> {
                String canonical = CANONICAL.getOrDefault(name.toLowerCase(Locale.ROOT), name);
                // the ticket number is sent with every callout (display-always) but never changes after creation
                if (!name.isBlank() && (action == TicketEvent.Action.CREATED || !canonical.equals("ticketNumber"))) {
                    changed.add(canonical);
                }
            });
        }
        String person = text(callout, "PersonID");
        return WellFormedText.require(new TicketEvent(action, connection.tenant(), connection.connectionId(), Vendor.AUTOTASK,
                ticketId, text(fields, "ticketNumber"), text(fields, "title"),
                ref(fields, "status"), ref(fields, "priority"), ref(fields, "queueID"), ref(fields, "companyID"),
                ref(fields, "contactID"), ref(fields, "assignedResourceID"), List.copyOf(changed),
                person == null ? TicketEvent.Actor.unknown() : new TicketEvent.Actor(TicketEvent.Actor.Type.RESOURCE, person, null),
                // the sequence number is per webhook and repeats on a retry: together with the GUID it names the event
                guid + "/" + sequence, occurredAt(text(callout, "EventTime"))));
    }

    static boolean isId(String id) {
        if (id.isEmpty() || id.length() > 19) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static EntityRef ref(JsonNode fields, String name) {
        String id = text(fields, name);
        return id == null || id.isBlank() ? null : new EntityRef(id, null);
    }

    private static Instant occurredAt(String eventTime) {
        if (eventTime == null) {
            throw new MalformedWebhookException("Autotask callout without EventTime");
        }
        try {
            return EventTimes.parse(eventTime.endsWith("Z") || eventTime.contains("+") ? eventTime : eventTime + "Z");
        } catch (DateTimeParseException e) {
            throw new MalformedWebhookException("Autotask EventTime is not a date-time");
        }
    }

    static JsonNode get(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (var it = node.fields(); it.hasNext(); ) {
            var entry = it.next();
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    static String text(JsonNode node, String name) {
        JsonNode value = get(node, name);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
}
