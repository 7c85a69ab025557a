package io.switchboard.ingest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.connectors.autotask.AutotaskClient;
import io.switchboard.connectors.autotask.AutotaskCredentials;
import io.switchboard.connectors.autotask.AutotaskQuery;
import io.switchboard.connectors.http.Json;
import io.switchboard.connectors.http.VendorHttp;
import io.switchboard.connectors.manage.ManageClient;
import io.switchboard.connectors.manage.ManageCredentials;
import io.switchboard.connectors.manage.ManageQuery;
import io.switchboard.testsupport.SandboxDemoTenant;
import io.switchboard.testsupport.SharedInfra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** The vendor sandbox as the tests drive it: its demo tenant, vendor APIs, technicians at work and faults. */
public final class Sandbox {

    private static final VendorHttp HTTP = VendorHttp.defaults();
    private static Map<String, String> env;

    private Sandbox() {
    }

    public static String url() {
        return SharedInfra.sandbox().url();
    }

    public static synchronized String env(String name) {
        if (env == null) {
            env = SandboxDemoTenant.credentials();
        }
        String value = env.get(name);
        if (value == null) {
            throw new IllegalStateException("the sandbox demo tenant has no " + name);
        }
        return value;
    }

    /** Fresh data, no webhooks, callbacks or faults. */
    public static void reset() {
        Http.ok(Http.json("POST", url() + "/_sandbox/reset", null, ""));
    }

    public static AutotaskClient autotask() {
        AutotaskCredentials credentials = new AutotaskCredentials(env("AUTOTASK_USERNAME"), env("AUTOTASK_SECRET"),
                env("AUTOTASK_INTEGRATION_CODE"), null);
        return AutotaskClient.forZone(HTTP, credentials,
                AutotaskClient.discoverZone(HTTP, URI.create(env("AUTOTASK_API_URL")), credentials.username()).url());
    }

    public static ManageClient manage() {
        return ManageClient.connect(HTTP, new ManageCredentials(env("MANAGE_SITE_URL"), env("MANAGE_COMPANY_ID"),
                env("MANAGE_PUBLIC_KEY"), env("MANAGE_PRIVATE_KEY"), env("MANAGE_CLIENT_ID")));
    }

    public static long apiResource() {
        return Long.parseLong(env("AUTOTASK_API_RESOURCE_ID"));
    }

    public static long impersonatedResource() {
        return Long.parseLong(env("AUTOTASK_IMPERSONATION_RESOURCE_ID"));
    }

    /** An active technician other than the connection's API user and impersonated resource (whose changes are excluded). */
    public static long autotaskTechnician() {
        Set<Long> ours = Set.of(apiResource(), impersonatedResource());
        return autotask().queryAll("Resources", AutotaskQuery.all()).stream()
                .filter(r -> r.path("isActive").asBoolean(true) && !ours.contains(r.path("id").asLong()))
                .map(r -> r.path("id").asLong()).findFirst().orElseThrow();
    }

    /** A Manage member who is not an API member. */
    public static String manageTechnician() {
        return manage().listAll("system/members", ManageQuery.all()).stream()
                .filter(m -> !"A".equals(m.path("licenseClass").asText()))
                .map(m -> m.path("identifier").asText()).findFirst().orElseThrow();
    }

    /** A technician creates a ticket in Autotask's UI, with the required fields copied from an existing ticket. */
    public static long autotaskCreateTicket(long technician, String title) {
        AutotaskClient client = autotask();
        JsonNode template = client.queryAll("Tickets", AutotaskQuery.all().maxRecords(1)).get(0);
        ObjectNode fields = Json.MAPPER.createObjectNode();
        for (JsonNode field : client.fields("Tickets")) {
            String name = field.path("name").asText();
            if (field.path("isRequired").asBoolean() && !field.path("isReadOnly").asBoolean() && template.hasNonNull(name)) {
                fields.set(name, template.get(name));
            }
        }
        fields.put("title", title);
        return act("autotask", "POST", null, technician, fields).path("id").asLong();
    }

    public static void autotaskUpdateTicket(long technician, long ticketId, ObjectNode fields) {
        act("autotask", "PATCH", ticketId, technician, fields);
    }

    public static void autotaskDeleteTicket(long technician, long ticketId) {
        act("autotask", "DELETE", ticketId, technician, Json.MAPPER.createObjectNode());
    }

    public static void manageUpdateTicket(String technician, long ticketId, ObjectNode fields) {
        act("manage", "PATCH", ticketId, technician, fields);
    }

    /** Another active value of an Autotask picklist field than {@code current}. */
    public static String otherPicklistValue(String fieldName, String current) {
        for (JsonNode field : autotask().fields("Tickets")) {
            if (field.path("name").asText().equalsIgnoreCase(fieldName)) {
                for (JsonNode value : field.path("picklistValues")) {
                    if (!value.path("value").asText().equals(current) && value.path("isActive").asBoolean(true)) {
                        return value.path("value").asText();
                    }
                }
            }
        }
        throw new AssertionError("no other value for " + fieldName);
    }

    /** Outgoing webhooks of {@code vendor}: every delivery sent twice, or as configured. */
    public static void webhookFault(String vendor, String faultJson) {
        fault(vendor, "webhooks", faultJson);
    }

    /** Calls of {@code vendor}'s API under {@code endpoint} (its first two path segments) fail as configured. */
    public static void fault(String vendor, String endpoint, String faultJson) {
        Http.ok(Http.json("PUT", url() + "/_sandbox/faults/" + vendor + "/" + endpoint, null, faultJson));
    }

    public static void clearFaults() {
        Http.ok(Http.json("DELETE", url() + "/_sandbox/faults", null, null));
    }

    /** Webhook deliveries the sandbox completed (2xx answers received). */
    public static long delivered() {
        return read(Http.ok(Http.json("GET", url() + "/_sandbox/deliveries", null, null))).path("delivered").asLong();
    }

    private static JsonNode act(String vendor, String method, Long ticketId, Object technician, ObjectNode fields) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("technician", Json.MAPPER.valueToTree(technician));
        body.set("fields", fields);
        String path = url() + "/_sandbox/act/" + vendor + "/tickets" + (ticketId == null ? "" : "/" + ticketId);
        return read(Http.ok(Http.json(method, path, null, body.toString())));
    }

    public static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Case-insensitive field of a vendor record. */
    public static JsonNode field(JsonNode record, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return Json.MAPPER.missingNode();
    }
}
