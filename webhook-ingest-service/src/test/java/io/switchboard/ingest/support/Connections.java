package io.switchboard.ingest.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.connectors.autotask.AutotaskQuery;
import io.switchboard.connectors.http.Json;
import io.switchboard.connectors.manage.ManageQuery;
import io.switchboard.contracts.CloudEvent;
import io.switchboard.contracts.CloudEventCodec;
import io.switchboard.contracts.EventIds;
import io.switchboard.contracts.EventKeys;
import io.switchboard.contracts.EventSources;
import io.switchboard.contracts.EventTypes;
import io.switchboard.contracts.TopicCatalogue;
import io.switchboard.contracts.Vendor;
import io.switchboard.contracts.payload.IntegrationEvent;
import io.switchboard.testsupport.SharedInfra;
import io.switchboard.testsupport.TestKafka;
import io.switchboard.testsupport.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connections as the platform makes them: created in credential-service by the demo MSP's admin, announced on
 * {@code integrations.v1} the way credential-service's outbox relay does, then registered at the sandbox by the
 * service under test.
 */
public final class Connections {

    public static final String TENANT = "demo-msp";
    private static final String ADMIN = "demo-admin";

    /** A connection the service registered: the webhook at the sandbox and the URL (with its token) it posts to. */
    public record Registered(String connectionId, Vendor vendor, long hookId, String url) {

        public String token() {
            String path = url.substring(IngestTestResource.publicBaseUrl().length());
            return path.split("/")[3];
        }
    }

    private Connections() {
    }

    public static String createAutotask() {
        ObjectNode body = Json.MAPPER.createObjectNode().put("vendor", "autotask").put("displayName", "Sandbox Autotask");
        body.putObject("settings").put("username", Sandbox.env("AUTOTASK_USERNAME"))
                .put("apiMemberId", Sandbox.env("AUTOTASK_API_RESOURCE_ID"))
                .put("impersonationResourceId", Sandbox.env("AUTOTASK_IMPERSONATION_RESOURCE_ID"))
                .put("zoneUrl", Sandbox.env("AUTOTASK_API_URL"));
        body.putObject("secrets").put("secret", Sandbox.env("AUTOTASK_SECRET"))
                .put("integrationCode", Sandbox.env("AUTOTASK_INTEGRATION_CODE"));
        return create(body);
    }

    public static String createManage() {
        ObjectNode body = manageBody(Sandbox.env("MANAGE_SITE_URL"));
        body.putObject("secrets").put("privateKey", Sandbox.env("MANAGE_PRIVATE_KEY"));
        return create(body);
    }

    /** The admin points the Manage connection at another site (same keys), and the relay announces the update. */
    public static void moveManage(String connectionId, String siteUrl) {
        Http.ok(Http.json("PUT", SharedInfra.credentialService().url() + "/api/v1/connections/" + connectionId,
                Tokens.user(ADMIN), manageBody(siteUrl).toString()));
        Map<String, String> settings = publishedSettings(Vendor.CONNECTWISE_MANAGE);
        settings.put("siteUrl", siteUrl);
        announce(connectionId, Vendor.CONNECTWISE_MANAGE, IntegrationEvent.Action.UPDATED, settings);
    }

    private static ObjectNode manageBody(String siteUrl) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("vendor", "connectwise-manage").put("displayName", "Sandbox Manage");
        body.putObject("settings").put("siteUrl", siteUrl).put("companyId", Sandbox.env("MANAGE_COMPANY_ID"))
                .put("publicKey", Sandbox.env("MANAGE_PUBLIC_KEY")).put("apiMemberIdentifier", "switchboard-api")
                .put("clientId", Sandbox.env("MANAGE_CLIENT_ID"));
        return body;
    }

    /** The published (non-secret) settings, as credential-service puts them on the integration event. */
    public static Map<String, String> publishedSettings(Vendor vendor) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (vendor == Vendor.AUTOTASK) {
            settings.put("apiMemberId", Sandbox.env("AUTOTASK_API_RESOURCE_ID"));
            settings.put("impersonationResourceId", Sandbox.env("AUTOTASK_IMPERSONATION_RESOURCE_ID"));
            settings.put("zoneUrl", Sandbox.env("AUTOTASK_API_URL"));
        } else {
            settings.put("siteUrl", Sandbox.env("MANAGE_SITE_URL"));
            settings.put("companyId", Sandbox.env("MANAGE_COMPANY_ID"));
        }
        return settings;
    }

    /** Publishes the connection event the relay would, on the broker the service reads. */
    public static void announce(String connectionId, Vendor vendor, IntegrationEvent.Action action) {
        announce(connectionId, vendor, action, action == IntegrationEvent.Action.REMOVED ? Map.of() : publishedSettings(vendor));
    }

    private static void announce(String connectionId, Vendor vendor, IntegrationEvent.Action action, Map<String, String> settings) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        IntegrationEvent payload = new IntegrationEvent(action, TENANT, connectionId, vendor, "Sandbox", settings, at);
        CloudEvent event = CloudEvent.of(EventTypes.INTEGRATION, EventSources.connection("credential-service", TENANT, connectionId),
                connectionId, TENANT, EventIds.deterministic(TENANT, connectionId, action.name(), at.toString()), at, payload);
        TestKafka.send(IngestTestResource.bootstrapServers(), TopicCatalogue.INTEGRATIONS, EventKeys.connection(TENANT, connectionId),
                CloudEventCodec.toBytes(event));
    }

    /** Creates an Autotask connection, announces it and waits until its webhook is registered at the sandbox. */
    public static Registered autotask() {
        String id = createAutotask();
        announce(id, Vendor.AUTOTASK, IntegrationEvent.Action.CREATED);
        return awaitAutotask(id);
    }

    public static Registered manage() {
        String id = createManage();
        announce(id, Vendor.CONNECTWISE_MANAGE, IntegrationEvent.Action.CREATED);
        return awaitManage(id);
    }

    /** Waits for the connection's TicketWebhook: active, ready (it has its fields) and posting to this service. */
    public static Registered awaitAutotask(String connectionId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> autotaskHook(connectionId)
                        .filter(h -> h.path("isActive").asBoolean() && h.path("isReady").asBoolean())
                        .map(h -> new Registered(connectionId, Vendor.AUTOTASK, h.path("id").asLong(), h.path("webhookUrl").asText())),
                Optional::isPresent).orElseThrow();
    }

    public static Registered awaitManage(String connectionId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> manageCallback(connectionId)
                        .filter(c -> !c.path("inactiveFlag").asBoolean())
                        .map(c -> new Registered(connectionId, Vendor.CONNECTWISE_MANAGE, c.path("id").asLong(), c.path("url").asText())),
                Optional::isPresent).orElseThrow();
    }

    public static Optional<JsonNode> autotaskHook(String connectionId) {
        return autotaskHooks().stream().filter(h -> h.path("name").asText().endsWith(connectionId)).findFirst();
    }

    public static List<JsonNode> autotaskHooks() {
        return Sandbox.autotask().queryAll("TicketWebhooks", AutotaskQuery.all());
    }

    public static Optional<JsonNode> manageCallback(String connectionId) {
        return manageCallbacks(connectionId).stream().findFirst();
    }

    public static List<JsonNode> manageCallbacks(String connectionId) {
        return Sandbox.manage().listAll("system/callbacks", ManageQuery.all()).stream()
                .filter(c -> c.path("description").asText().endsWith(connectionId)).toList();
    }

    /** The webhook secret the service stored in credential-service, read as the service itself would. */
    public static String webhookSecret(String connectionId) {
        JsonNode credentials = Sandbox.read(Http.ok(Http.json("GET", SharedInfra.credentialService().url()
                + "/internal/v1/connections/" + connectionId + "/credentials", Tokens.service("webhook-ingest-service"), null)));
        return credentials.path("webhookSecret").asText(null);
    }

    /** Deletes the connection in credential-service and announces its removal. */
    public static void remove(String connectionId, Vendor vendor) {
        Http.ok(Http.json("DELETE", SharedInfra.credentialService().url() + "/api/v1/connections/" + connectionId,
                Tokens.user(ADMIN), null));
        announce(connectionId, vendor, IntegrationEvent.Action.REMOVED);
    }

    private static String create(ObjectNode body) {
        JsonNode created = Sandbox.read(Http.ok(Http.json("POST", SharedInfra.credentialService().url() + "/api/v1/connections",
                Tokens.user(ADMIN), body.toString())));
        return created.path("id").asText();
    }
}
