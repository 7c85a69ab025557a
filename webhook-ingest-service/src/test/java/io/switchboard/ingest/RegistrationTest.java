package io.switchboard.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.connectors.autotask.AutotaskClient;
import io.switchboard.connectors.autotask.AutotaskQuery;
import io.switchboard.connectors.http.Json;
import io.switchboard.contracts.TopicCatalogue;
import io.switchboard.contracts.Vendor;
import io.switchboard.contracts.payload.IntegrationEvent;
import io.switchboard.ingest.persistence.ConnectionRepository;
import io.switchboard.ingest.service.Registrar;
import io.switchboard.ingest.support.Connections;
import io.switchboard.ingest.support.Deliveries;
import io.switchboard.ingest.support.IngestTestResource;
import io.switchboard.ingest.support.Sandbox;
import io.switchboard.ingest.support.SharedBrokerProfile;
import io.switchboard.ingest.support.Topics;
import io.switchboard.testsupport.SharedInfra;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registration at the vendors and healing, against the sandbox: what a new connection gets, and how the service
 * repairs what a vendor (or an admin) did to its webhooks.
 */
@QuarkusTest
@TestProfile(SharedBrokerProfile.class)
class RegistrationTest {

    private final List<Connections.Registered> created = new ArrayList<>();

    @Inject
    ConnectionRepository connections;

    @BeforeEach
    void freshSandbox() {
        Sandbox.reset();
    }

    @AfterEach
    void removeConnections() {
        created.forEach(c -> Connections.remove(c.connectionId(), c.vendor()));
        created.clear();
    }

    @Test
    void anAutotaskConnectionGetsAWebhookWithFieldsExclusionsAndAStoredSecret() {
        Connections.Registered connection = autotask();
        AutotaskClient client = Sandbox.autotask();
        JsonNode hook = client.get("TicketWebhooks", connection.hookId());

        assertThat(connection.url()).startsWith(IngestTestResource.publicBaseUrl() + "/webhooks/autotask/");
        assertThat(Sandbox.field(hook, "deactivationUrl").asText()).isEqualTo(connection.url() + "/deactivated");
        assertThat(Sandbox.field(hook, "isSubscribedToCreateEvents").asBoolean()).isTrue();
        assertThat(Sandbox.field(hook, "isSubscribedToUpdateEvents").asBoolean()).isTrue();
        assertThat(Sandbox.field(hook, "isSubscribedToDeleteEvents").asBoolean()).isTrue();
        String secret = Connections.webhookSecret(connection.connectionId());
        // the secret is generated per webhook (at most 64 characters for Autotask); that the sandbox signs with it is
        // checked on every raw webhook in SandboxEndToEndTest
        assertThat(secret).hasSizeBetween(16, 64);

        Set<String> subscribed = subscribedFieldNames(client, connection.hookId());
        assertThat(subscribed).containsExactlyInAnyOrder("title", "status", "priority", "queueid", "companyid", "contactid",
                "assignedresourceid");
        Set<Long> excluded = client.queryAll("TicketWebhookExcludedResources",
                        AutotaskQuery.where(AutotaskQuery.eq("webhookID", connection.hookId()))).stream()
                .map(x -> x.path("resourceID").asLong()).collect(Collectors.toSet());
        assertThat(excluded).containsExactlyInAnyOrder(Sandbox.apiResource(), Sandbox.impersonatedResource());
        assertThat(connections.registration(connection.connectionId())).hasValueSatisfying(r ->
                assertThat(r.state()).isEqualTo(Registrar.REGISTERED));
    }

    @Test
    void aManageConnectionGetsASelfSuppressedTicketCallback() {
        Connections.Registered connection = manage();
        JsonNode callback = Connections.manageCallback(connection.connectionId()).orElseThrow();

        assertThat(callback.path("url").asText()).startsWith(IngestTestResource.publicBaseUrl() + "/webhooks/manage/");
        assertThat(callback.path("type").asText()).isEqualToIgnoringCase("ticket");
        assertThat(callback.path("level").asText()).isEqualToIgnoringCase("owner");
        assertThat(callback.path("isSelfSuppressedFlag").asBoolean()).isTrue();
        assertThat(callback.path("inactiveFlag").asBoolean()).isFalse();
    }

    @Test
    void aDeletedWebhookIsRecreatedUnderANewTokenAndSecret() {
        Connections.Registered before = autotask();
        String oldSecret = Connections.webhookSecret(before.connectionId());

        // deleting an active webhook makes the sandbox post to its deactivation URL, which triggers the repair
        Sandbox.autotask().delete("TicketWebhooks", before.hookId());

        Connections.Registered after = await().atMost(Duration.ofSeconds(60)).until(() -> Connections.autotaskHook(before.connectionId())
                .filter(h -> h.path("id").asLong() != before.hookId() && h.path("isReady").asBoolean()), java.util.Optional::isPresent)
                .map(h -> new Connections.Registered(before.connectionId(), Vendor.AUTOTASK, h.path("id").asLong(), h.path("webhookUrl").asText()))
                .orElseThrow();
        assertThat(after.token()).isNotEqualTo(before.token());
        String newSecret = Connections.webhookSecret(before.connectionId());
        assertThat(newSecret).isNotEqualTo(oldSecret);
        assertThat(Deliveries.autotask(before.token(), oldSecret, Deliveries.callout(1, UUID.randomUUID().toString(), 1, Instant.now()))
                .statusCode()).isEqualTo(404);

        long technician = Sandbox.autotaskTechnician();
        long ticket = Sandbox.autotaskCreateTicket(technician, "after the repair");
        await().atMost(Duration.ofSeconds(60)).until(() -> Topics.events(TopicCatalogue.TICKET_EVENTS, before.connectionId()).stream()
                .anyMatch(e -> e.subject().equals(Long.toString(ticket))));
    }

    @Test
    void aDeactivatedWebhookIsReactivated() {
        Connections.Registered connection = autotask();

        Sandbox.autotask().update("TicketWebhooks", Json.MAPPER.createObjectNode().put("id", connection.hookId()).put("isActive", false));

        await().atMost(Duration.ofSeconds(60)).until(() ->
                Sandbox.autotask().get("TicketWebhooks", connection.hookId()).path("isActive").asBoolean());
        assertThat(Connections.autotaskHooks()).hasSize(1);
    }

    @Test
    void aDeletedManageCallbackIsRecreatedByTheNextReconciliation() {
        Connections.Registered before = manage();

        Sandbox.manage().delete("system/callbacks/" + before.hookId());

        await().atMost(Duration.ofSeconds(60)).until(() -> Connections.manageCallback(before.connectionId())
                .filter(c -> c.path("id").asLong() != before.hookId()).isPresent());
    }

    @Test
    void aManageCallbackLeftAtTheFormerSiteIsDeletedThereWhenTheConnectionMovesToAnotherSite() {
        Connections.Registered before = manage();
        String formerSite = Sandbox.env("MANAGE_SITE_URL");

        Connections.moveManage(before.connectionId(), SharedInfra.sandboxAlias());

        // both sites are the one sandbox: had the old callback not been deleted through the former site, the pass at
        // the new site would have listed it as the connection's own and kept it
        Connections.Registered after = await().atMost(Duration.ofSeconds(60)).until(() -> Connections.manageCallbacks(before.connectionId()),
                        callbacks -> callbacks.size() == 1 && callbacks.get(0).path("id").asLong() != before.hookId()).stream()
                .map(c -> new Connections.Registered(before.connectionId(), Vendor.CONNECTWISE_MANAGE, c.path("id").asLong(),
                        c.path("url").asText())).findFirst().orElseThrow();
        assertThat(after.token()).isNotEqualTo(before.token());
        // the pass records its outcome after creating the new callback; later passes that only confirm it keep that
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(connections.registration(before.connectionId()))
                .hasValueSatisfying(r -> {
                    assertThat(r.state()).isEqualTo(Registrar.REGISTERED);
                    assertThat(r.detail()).startsWith("webhook " + after.hookId() + "; ")
                            .contains("deleted webhook " + before.hookId() + " at the former location siteUrl " + formerSite);
                }));
        ConnectionRepository.Registration moved = connections.registration(before.connectionId()).orElseThrow();
        ConnectionRepository.Registration confirmed = await().atMost(Duration.ofSeconds(30)).until(() -> connections.registration(
                before.connectionId()).orElseThrow(), r -> r.checkedAt().isAfter(moved.checkedAt()));
        assertThat(confirmed.detail()).isEqualTo(moved.detail());
        assertThat(connections.endpoints(before.connectionId())).singleElement().satisfies(e ->
                assertThat(e.location()).containsEntry("siteUrl", SharedInfra.sandboxAlias()));
        assertThat(Deliveries.post(Deliveries.manageUrl(before.token()), Map.of("Content-Type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(404);
    }

    @Test
    void aCallbackLeftAtTheFormerSiteIsDeletedThereWhenTheConnectionIsRemovedBeforeThatSiteAnswered() {
        Connections.Registered before = manage();
        created.remove(before);
        String formerSite = Sandbox.env("MANAGE_SITE_URL");
        // callbacks answer 500 at both sites (one sandbox): the move's pass can delete nothing at the former site
        Sandbox.fault("manage", "system/callbacks", "{\"rate500\": 100}");
        Connections.moveManage(before.connectionId(), SharedInfra.sandboxAlias());
        await().atMost(Duration.ofSeconds(60)).until(() -> connections.registration(before.connectionId())
                .filter(r -> Registrar.FAILED.equals(r.state())).isPresent());

        Connections.remove(before.connectionId(), Vendor.CONNECTWISE_MANAGE);
        await().atMost(Duration.ofSeconds(30)).until(() -> Deliveries.post(Deliveries.manageUrl(before.token()),
                Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8)).statusCode() == 404);
        Sandbox.clearFaults();

        await().atMost(Duration.ofSeconds(60)).until(() -> Connections.manageCallbacks(before.connectionId()).isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> connections.endpoints(before.connectionId()).isEmpty());
        assertThat(connections.registration(before.connectionId())).hasValueSatisfying(r -> {
            assertThat(r.state()).isEqualTo(Registrar.REMOVED);
            assertThat(r.detail()).contains("deleted webhook " + before.hookId() + " at the former location siteUrl " + formerSite);
        });
    }

    @Test
    void aRemovedConnectionIsRefusedAtOnceAndItsWebhookSweptThroughAnotherConnectionOfTheAccount() {
        Connections.Registered removed = autotask();
        Connections.Registered sibling = autotask();
        String secret = Connections.webhookSecret(removed.connectionId());
        created.remove(removed);

        Connections.remove(removed.connectionId(), Vendor.AUTOTASK);

        await().atMost(Duration.ofSeconds(30)).until(() -> Deliveries.autotask(removed.token(), secret,
                Deliveries.callout(2, UUID.randomUUID().toString(), 2, Instant.now())).statusCode() == 404);
        await().atMost(Duration.ofSeconds(60)).until(() -> Connections.autotaskHook(removed.connectionId()).isEmpty());
        assertThat(Connections.autotaskHook(sibling.connectionId())).isPresent();
        assertThat(connections.registration(removed.connectionId())).hasValueSatisfying(r ->
                assertThat(r.state()).isEqualTo(Registrar.REMOVED));
    }

    @Test
    void aRemovedConnectionsWebhookIsDeletedWithItsOwnCredentialsWhileCredentialServiceStillHoldsThem() {
        Connections.Registered removed = autotask();
        created.remove(removed);

        Connections.remove(removed.connectionId(), Vendor.AUTOTASK);

        await().atMost(Duration.ofSeconds(60)).until(() -> Connections.autotaskHook(removed.connectionId()).isEmpty());
        assertThat(Connections.autotaskHooks()).noneSatisfy(hook -> assertThat(hook.path("webhookUrl").asText()).contains(removed.token()));
        // swept with its own credentials: a removal without them would record why they could not be read
        assertThat(connections.registration(removed.connectionId())).hasValueSatisfying(r -> {
            assertThat(r.state()).isEqualTo(Registrar.REMOVED);
            assertThat(r.detail()).startsWith("deleted ");
        });
    }

    @Test
    void theWebhookCapIsRespectedAndAFreedSlotIsUsed() {
        AutotaskClient client = Sandbox.autotask();
        List<Long> others = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            others.add(client.create("TicketWebhooks", Json.MAPPER.createObjectNode().put("name", "someone else's " + i)
                    .put("isActive", true).put("webhookUrl", "https://elsewhere.example/hook/" + i)
                    .put("deactivationUrl", "https://elsewhere.example/off/" + i).put("secretKey", "another-secret-" + i)));
        }
        String id = Connections.createAutotask();
        Connections.announce(id, Vendor.AUTOTASK, IntegrationEvent.Action.CREATED);
        created.add(new Connections.Registered(id, Vendor.AUTOTASK, 0, null));

        // asserted rather than polled for true, so that a timeout reports the state the connection was left in
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(connections.registration(id))
                .hasValueSatisfying(r -> assertThat(r.state()).as(r.detail()).isEqualTo(Registrar.CAP_REACHED)));
        assertThat(Connections.autotaskHooks()).hasSize(5);

        client.delete("TicketWebhooks", others.get(0));
        Connections.awaitAutotask(id);
        assertThat(Connections.autotaskHooks()).hasSize(5);
    }

    private Connections.Registered autotask() {
        Connections.Registered connection = Connections.autotask();
        created.add(connection);
        return connection;
    }

    private Connections.Registered manage() {
        Connections.Registered connection = Connections.manage();
        created.add(connection);
        return connection;
    }

    private static Set<String> subscribedFieldNames(AutotaskClient client, long hookId) {
        java.util.Map<Integer, String> names = new java.util.HashMap<>();
        for (JsonNode field : client.fields("TicketWebhookFields")) {
            if (field.path("name").asText().equalsIgnoreCase("fieldID")) {
                field.path("picklistValues").forEach(v -> names.put(v.path("value").asInt(), v.path("label").asText().toLowerCase()));
            }
        }
        return client.queryAll("TicketWebhookFields", AutotaskQuery.where(AutotaskQuery.eq("webhookID", hookId))).stream()
                .filter(f -> f.path("isSubscribedField").asBoolean())
                .map(f -> names.get(f.path("fieldID").asInt())).collect(Collectors.toSet());
    }
}
