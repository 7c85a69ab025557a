package io.switchboard.ingest.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.switchboard.contracts.CloudEvent;
import io.switchboard.contracts.CloudEventCodec;
import io.switchboard.contracts.EventIds;
import io.switchboard.contracts.EventSchemas;
import io.switchboard.contracts.EventSources;
import io.switchboard.contracts.EventTypes;
import io.switchboard.contracts.payload.TicketEvent;
import io.switchboard.ingest.normalize.AutotaskTicketNormalizer;
import io.switchboard.ingest.normalize.ManageTicketNormalizer;
import io.switchboard.ingest.normalize.WebhookConnection;
import io.switchboard.infra.QuarkusService;
import io.switchboard.testsupport.SandboxDemoTenant;
import io.switchboard.testsupport.SharedInfra;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bodies and signatures produced by the vendor sandbox's own webhook sender, after a technician changes a ticket:
 * ingest's verifiers accept them byte for byte, reject any tampering, and the normalizers make valid TicketEvents.
 */
class SandboxDeliveriesTest {

    private static final WebhookConnection CONNECTION = new WebhookConnection("demo-msp", "conn-sandbox");
    private static final VendorHttp HTTP = VendorHttp.defaults();
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        receiver = new WebhookReceiver();
        post(SharedInfra.sandbox().url() + "/_sandbox/reset", "");
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void autotaskCalloutVerifiesAndNormalizes() throws Exception {
        AutotaskCredentials credentials = new AutotaskCredentials(SandboxDemoTenant.get("AUTOTASK_USERNAME"),
                SandboxDemoTenant.get("AUTOTASK_SECRET"), SandboxDemoTenant.get("AUTOTASK_INTEGRATION_CODE"), null);
        AutotaskClient client = AutotaskClient.forZone(HTTP, credentials, AutotaskClient.discoverZone(HTTP,
                URI.create(SandboxDemoTenant.get("AUTOTASK_API_URL")), credentials.username()).url());
        String secret = "ingest-test-secret-" + System.nanoTime();
        long hookId = client.create("TicketWebhooks", Json.MAPPER.createObjectNode()
                .put("name", "ingest test").put("isActive", true).put("secretKey", secret)
                .put("webhookUrl", receiver.url("/autotask")).put("deactivationUrl", receiver.url("/deactivated"))
                .put("isSubscribedToCreateEvents", true).put("isSubscribedToUpdateEvents", true)
                .put("isSubscribedToDeleteEvents", true));
        client.createChild("TicketWebhooks", hookId, "Fields", Json.MAPPER.createObjectNode()
                .put("fieldID", webhookFieldId(client, "status")).put("isSubscribedField", true).put("isDisplayAlwaysField", false));
        client.createChild("TicketWebhooks", hookId, "Fields", Json.MAPPER.createObjectNode()
                .put("fieldID", webhookFieldId(client, "title")).put("isSubscribedField", false).put("isDisplayAlwaysField", true));

        JsonNode ticket = client.queryAll("Tickets", AutotaskQuery.all().maxRecords(1)).get(0);
        String newStatus = otherPicklistValue(client.fields("Tickets"), "status", ticket.path("status").asText());
        ObjectNode change = Json.MAPPER.createObjectNode()
                .put("technician", Long.parseLong(SandboxDemoTenant.get("AUTOTASK_IMPERSONATION_RESOURCE_ID")));
        // characters Autotask escapes as backslash-u sequences: the signature must hold over the escaped bytes
        change.putObject("fields").put("status", Integer.parseInt(newStatus)).put("title", "Drucker kaputt \u00e9 <&> 'x' \"y\"");
        send("PATCH", SharedInfra.sandbox().url() + "/_sandbox/act/autotask/tickets/" + ticket.path("id").asLong(), change.toString());

        await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.deliveries("/autotask").isEmpty());
        WebhookReceiver.Delivery delivery = receiver.deliveries("/autotask").get(0);
        String signature = delivery.header(AutotaskSignature.HEADER);
        assertThat(AutotaskSignature.verify(delivery.body(), signature, secret)).isTrue();
        assertThat(AutotaskSignature.verify(delivery.body(), signature, secret + "x")).isFalse();
        assertThat(AutotaskSignature.verify(tamper(delivery.body()), signature, secret)).isFalse();

        TicketEvent event = AutotaskTicketNormalizer.normalize(CONNECTION, Json.MAPPER.readTree(delivery.body()));
        assertThat(event.action()).isEqualTo(TicketEvent.Action.UPDATED);
        assertThat(event.ticketId()).isEqualTo(ticket.path("id").asText());
        assertThat(event.status().id()).isEqualTo(newStatus);
        assertThat(event.changedFields()).contains("status");
        assertThat(event.title()).isEqualTo("Drucker kaputt \u00e9 <&> 'x' \"y\"");
        assertThat(new String(delivery.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("\\u00E9");
        assertThat(event.actor().id()).isEqualTo(SandboxDemoTenant.get("AUTOTASK_IMPERSONATION_RESOURCE_ID"));
        assertValidEvent(event);
    }

    @Test
    void manageCallbackVerifiesWithTheKeyFromKeyUrlAndNormalizes() throws Exception {
        ManageClient client = ManageClient.connect(HTTP, new ManageCredentials(SandboxDemoTenant.get("MANAGE_SITE_URL"),
                SandboxDemoTenant.get("MANAGE_COMPANY_ID"), SandboxDemoTenant.get("MANAGE_PUBLIC_KEY"),
                SandboxDemoTenant.get("MANAGE_PRIVATE_KEY"), SandboxDemoTenant.get("MANAGE_CLIENT_ID")));
        client.create("system/callbacks", Json.MAPPER.createObjectNode().put("url", receiver.url("/manage?recordId="))
                .put("objectId", 1).put("type", "ticket").put("level", "owner").put("description", "ingest test")
                .put("inactiveFlag", false).put("isSelfSuppressedFlag", true));
        String technician = client.listAll("system/members", ManageQuery.all()).stream()
                .filter(m -> !"A".equals(m.path("licenseClass").asText()))
                .map(m -> m.path("identifier").asText()).findFirst().orElseThrow();
        long ticketId = client.listAll("service/tickets", ManageQuery.all().pageSize(1)).get(0).path("id").asLong();
        ObjectNode change = Json.MAPPER.createObjectNode().put("technician", technician);
        change.putObject("fields").put("summary", "Changed by a technician \u00e9 <&> \"quoted\"");
        send("PATCH", SharedInfra.sandbox().url() + "/_sandbox/act/manage/tickets/" + ticketId, change.toString());

        await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.deliveries("/manage").isEmpty());
        WebhookReceiver.Delivery delivery = receiver.deliveries("/manage").get(0);
        JsonNode body = Json.MAPPER.readTree(delivery.body());
        String signingKey = Json.MAPPER.readTree(QuarkusService.httpGet(body.path("Metadata").path("key_url").asText())
                .orElseThrow()).path("signing_key").asText();
        String signature = delivery.header(ManageSignature.HEADER);
        assertThat(ManageSignature.verify(delivery.body(), signature, signingKey)).isTrue();
        assertThat(ManageSignature.verify(tamper(delivery.body()), signature, signingKey)).isFalse();
        assertThat(ManageSignature.verify(delivery.body(), signature, signingKey + "x")).isFalse();

        TicketEvent event = ManageTicketNormalizer.normalize(CONNECTION, body);
        assertThat(event.action()).isEqualTo(TicketEvent.Action.UPDATED);
        assertThat(event.ticketId()).isEqualTo(Long.toString(ticketId));
        assertThat(event.title()).isEqualTo("Changed by a technician \u00e9 <&> \"quoted\"");
        assertThat(event.actor().id()).isEqualTo(technician);
        assertThat(event.status().label()).isNotBlank();
        assertValidEvent(event);
    }

    private static void assertValidEvent(TicketEvent event) {
        CloudEvent cloudEvent = CloudEvent.of(EventTypes.TICKET,
                EventSources.connection("webhook-ingest-service", event.tenant(), event.connectionId()), event.ticketId(),
                event.tenant(), EventIds.deterministic(event.tenant(), event.connectionId(), event.sourceEventId()),
                event.occurredAt(), event);
        assertThat(EventSchemas.validate(CloudEventCodec.readTree(CloudEventCodec.toBytes(cloudEvent)))).isEmpty();
    }

    private static int webhookFieldId(AutotaskClient client, String fieldName) {
        for (JsonNode field : client.fields("TicketWebhookFields")) {
            if (field.path("name").asText().equalsIgnoreCase("fieldID")) {
                for (JsonNode value : field.path("picklistValues")) {
                    if (value.path("label").asText().equalsIgnoreCase(fieldName)) {
                        return value.path("value").asInt();
                    }
                }
            }
        }
        throw new AssertionError("no webhook field id for " + fieldName);
    }

    private static String otherPicklistValue(JsonNode fields, String fieldName, String current) {
        for (JsonNode field : fields) {
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

    private static byte[] tamper(byte[] body) {
        byte[] copy = body.clone();
        copy[copy.length / 2] ^= 1;
        return copy;
    }

    private static void post(String url, String body) throws Exception {
        send("POST", url, body);
    }

    private static void send(String method, String url, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + url + ": " + response.body()).isBetween(200, 299);
    }
}
