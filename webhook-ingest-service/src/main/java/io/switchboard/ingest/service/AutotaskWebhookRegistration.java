package io.switchboard.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.connectors.autotask.AutotaskClient;
import io.switchboard.connectors.autotask.AutotaskQuery;
import io.switchboard.connectors.http.Json;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Autotask TicketWebhooks of one API user: a webhook subscribed to ticket create, update and delete, the ticket
 * fields a TicketEvent carries as subscribed fields (the ticket number always displayed), and the API user and the
 * impersonated resource excluded, so Switchboard's own writes do not come back as events.
 */
final class AutotaskWebhookRegistration implements VendorWebhooks {

    /** Changes to these fields trigger a callout and appear in it. */
    static final List<String> SUBSCRIBED = List.of("title", "status", "priority", "queueID", "companyID", "contactID",
            "assignedResourceID");
    /** Sent with every callout, changed or not. */
    static final List<String> DISPLAY_ALWAYS = List.of("ticketNumber");
    static final String ENTITY = "TicketWebhooks";

    private final AutotaskClient client;
    private final String connectionId;
    private final Set<Long> excludedResources;
    private final int maxWebhooks;

    AutotaskWebhookRegistration(AutotaskClient client, String connectionId, Set<Long> excludedResources, int maxWebhooks) {
        this.client = client;
        this.connectionId = connectionId;
        this.excludedResources = excludedResources;
        this.maxWebhooks = maxWebhooks;
    }

    @Override
    public String pathSegment() {
        return "autotask";
    }

    /** Webhooks belong to the Autotask database, which keeps them when Autotask moves it to another zone. */
    @Override
    public Map<String, String> location() {
        return Map.of();
    }

    @Override
    public List<Hook> list() {
        return client.queryAll(ENTITY, AutotaskQuery.all()).stream()
                .map(w -> new Hook(w.path("id").asText(), w.path("webhookUrl").asText(null), w.path("isActive").asBoolean(), w))
                .toList();
    }

    @Override
    public boolean atCapacity(int registrations) {
        return registrations >= maxWebhooks;
    }

    @Override
    public boolean needsSecret() {
        return true;
    }

    @Override
    public Hook create(String url, String secret) {
        ObjectNode webhook = Json.MAPPER.createObjectNode()
                .put("name", "Switchboard " + connectionId)
                .put("isActive", true)
                .put("webhookUrl", url)
                .put("deactivationUrl", url + "/deactivated")
                .put("secretKey", secret)
                .put("isSubscribedToCreateEvents", true)
                .put("isSubscribedToUpdateEvents", true)
                .put("isSubscribedToDeleteEvents", true)
                .put("sendThresholdExceededNotification", false);
        return new Hook(Long.toString(client.create(ENTITY, webhook)), url, true, webhook);
    }

    @Override
    public void complete(Hook hook) {
        long id = Long.parseLong(hook.id());
        ensureFields(id);
        ensureExclusions(id);
        if (!hook.active()) {
            client.update(ENTITY, Json.MAPPER.createObjectNode().put("id", id).put("isActive", true));
        }
    }

    @Override
    public void delete(Hook hook) {
        client.delete(ENTITY, Long.parseLong(hook.id()));
    }

    private void ensureFields(long webhookId) {
        Set<Integer> present = new HashSet<>();
        client.queryAll("TicketWebhookFields", AutotaskQuery.where(AutotaskQuery.eq("webhookID", webhookId)))
                .forEach(f -> present.add(f.path("fieldID").asInt()));
        Map<String, Integer> ids = webhookFieldIds();
        for (String field : SUBSCRIBED) {
            addField(webhookId, ids, field, present, true, false);
        }
        for (String field : DISPLAY_ALWAYS) {
            addField(webhookId, ids, field, present, false, true);
        }
    }

    private void addField(long webhookId, Map<String, Integer> ids, String field, Set<Integer> present,
                          boolean subscribed, boolean displayAlways) {
        Integer fieldId = ids.get(field.toLowerCase(Locale.ROOT));
        if (fieldId == null || present.contains(fieldId)) {
            return; // not a webhook field in this database, or there already
        }
        client.createChild(ENTITY, webhookId, "Fields", Json.MAPPER.createObjectNode()
                .put("fieldID", fieldId).put("isSubscribedField", subscribed).put("isDisplayAlwaysField", displayAlways));
    }

    /** Ticket field name (lower case) → Autotask's internal field id, from the {@code fieldID} picklist. */
    private Map<String, Integer> webhookFieldIds() {
        Map<String, Integer> ids = new HashMap<>();
        for (JsonNode field : client.fields("TicketWebhookFields")) {
            if (field.path("name").asText().equalsIgnoreCase("fieldID")) {
                field.path("picklistValues").forEach(v -> ids.put(v.path("label").asText().toLowerCase(Locale.ROOT),
                        v.path("value").asInt()));
            }
        }
        return ids;
    }

    private void ensureExclusions(long webhookId) {
        Map<Long, Long> rowByResource = new HashMap<>();
        client.queryAll("TicketWebhookExcludedResources", AutotaskQuery.where(AutotaskQuery.eq("webhookID", webhookId)))
                .forEach(x -> rowByResource.put(x.path("resourceID").asLong(), x.path("id").asLong()));
        for (Long resource : excludedResources) {
            if (!rowByResource.containsKey(resource)) {
                client.createChild(ENTITY, webhookId, "ExcludedResources",
                        Json.MAPPER.createObjectNode().put("resourceID", resource));
            }
        }
        // a resource no longer used by the connection (impersonation changed) must trigger callouts again
        rowByResource.forEach((resource, row) -> {
            if (!excludedResources.contains(resource)) {
                client.delete(ENTITY + "/" + webhookId + "/ExcludedResources", row);
            }
        });
    }
}
