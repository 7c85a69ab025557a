package io.switchboard.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.connectors.http.Json;
import io.switchboard.connectors.manage.ManageClient;
import io.switchboard.connectors.manage.ManageQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ConnectWise Manage ticket callbacks of one API member: one owner-level ticket callback, self-suppressed so that the
 * API member's own changes (Switchboard's writes) are not delivered back.
 */
final class ManageCallbackRegistration implements VendorWebhooks {

    private static final String PATH = "system/callbacks";

    private final ManageClient client;
    private final String connectionId;
    private final Map<String, String> location = new LinkedHashMap<>();

    /** {@code client} signs in to {@code siteUrl} as {@code companyId}; callbacks belong to that site and company. */
    ManageCallbackRegistration(ManageClient client, String connectionId, String siteUrl, String companyId) {
        this.client = client;
        this.connectionId = connectionId;
        location.put("siteUrl", siteUrl.endsWith("/") ? siteUrl.substring(0, siteUrl.length() - 1) : siteUrl);
        location.put("companyId", companyId);
    }

    @Override
    public String pathSegment() {
        return "manage";
    }

    @Override
    public Map<String, String> location() {
        return location;
    }

    @Override
    public List<Hook> list() {
        return client.listAll(PATH, ManageQuery.all()).stream()
                .map(c -> new Hook(c.path("id").asText(), c.path("url").asText(null), !c.path("inactiveFlag").asBoolean(), c))
                .toList();
    }

    @Override
    public boolean atCapacity(int registrations) {
        return false;
    }

    @Override
    public boolean needsSecret() {
        return false; // Manage signs with a key it serves at the delivery's key_url
    }

    @Override
    public Hook create(String url, String secret) {
        ObjectNode callback = Json.MAPPER.createObjectNode()
                .put("url", url)
                .put("objectId", 1)
                .put("type", "ticket")
                .put("level", "owner")
                .put("description", "Switchboard ticket events " + connectionId)
                .put("inactiveFlag", false)
                .put("isSelfSuppressedFlag", true);
        JsonNode created = client.create(PATH, callback);
        return new Hook(created.path("id").asText(), url, !created.path("inactiveFlag").asBoolean(), created);
    }

    @Override
    public void complete(Hook hook) {
        List<ManageClient.PatchOperation> changes = new ArrayList<>();
        if (!hook.active()) {
            changes.add(ManageClient.PatchOperation.replace("inactiveFlag", false));
        }
        if (!hook.record().path("isSelfSuppressedFlag").asBoolean()) {
            changes.add(ManageClient.PatchOperation.replace("isSelfSuppressedFlag", true));
        }
        if (!changes.isEmpty()) {
            client.patch(PATH + "/" + hook.id(), changes);
        }
    }

    @Override
    public void delete(Hook hook) {
        client.delete(PATH + "/" + hook.id());
    }
}
