package io.switchboard.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.connectors.http.Json;
import io.switchboard.contracts.CloudEvent;
import io.switchboard.contracts.CloudEventCodec;
import io.switchboard.contracts.EventIds;
import io.switchboard.contracts.EventKeys;
import io.switchboard.contracts.EventSources;
import io.switchboard.contracts.EventTypes;
import io.switchboard.contracts.TopicCatalogue;
import io.switchboard.contracts.Vendor;
import io.switchboard.contracts.payload.RawWebhook;
import io.switchboard.contracts.payload.ReferenceRecord;
import io.switchboard.contracts.payload.TicketEvent;
import io.switchboard.ingest.messaging.ReferenceLabels;
import io.switchboard.ingest.support.Connections;
import io.switchboard.ingest.support.IngestTestResource;
import io.switchboard.ingest.support.Sandbox;
import io.switchboard.ingest.support.SharedBrokerProfile;
import io.switchboard.ingest.support.Topics;
import io.switchboard.ingest.verification.AutotaskSignature;
import io.switchboard.testsupport.TestKafka;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole path with the sandbox's own webhook sender: the service registers a webhook for a new connection, a
 * technician works tickets in the sandbox, the sandbox delivers signed callouts (each one twice), and a plain Kafka
 * consumer finds each change on tickets.events.v1 exactly once, valid against the contract, with its raw webhook.
 */
@QuarkusTest
@TestProfile(SharedBrokerProfile.class)
class SandboxEndToEndTest {

    private static final List<Connections.Registered> CREATED = new java.util.ArrayList<>();

    @Inject
    ReferenceLabels labels;

    @BeforeAll
    static void freshSandbox() {
        Sandbox.reset();
    }

    @AfterEach
    void noFaults() {
        Sandbox.clearFaults();
    }

    @AfterAll
    static void removeConnections() {
        CREATED.forEach(c -> Connections.remove(c.connectionId(), c.vendor()));
    }

    @Test
    void autotaskTicketChangesArriveOnceEachWithLabelsFromReferenceData() {
        Connections.Registered connection = Connections.autotask();
        CREATED.add(connection);
        long technician = Sandbox.autotaskTechnician();
        String newStatus = Sandbox.otherPicklistValue("status", "1");
        publishStatusLabel(newStatus, "Waiting on Parts");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                labels.label(ReferenceRecord.Kind.TICKET_STATUS, Connections.TENANT, Vendor.AUTOTASK, newStatus).isPresent());
        Sandbox.webhookFault("autotask", "{\"duplicateWebhooks\": 100}");

        long ticket = Sandbox.autotaskCreateTicket(technician, "Printer offline");
        Sandbox.autotaskUpdateTicket(technician, ticket, Json.MAPPER.createObjectNode().put("status", Integer.parseInt(newStatus)));
        // characters Autotask escapes as \\uXXXX: the signature holds over the escaped bytes, the event has the text
        String title = "Drucker kaputt \u00e9 <&> 'x' \"y\" \\ + ` \ud83d\udda8";
        Sandbox.autotaskUpdateTicket(technician, ticket, Json.MAPPER.createObjectNode().put("title", title));
        Sandbox.autotaskDeleteTicket(technician, ticket);

        // every callout is sent twice, one after the other, in order: once a later change is on the topic, every
        // copy of the earlier ones has been answered
        long sentinel = Sandbox.autotaskCreateTicket(technician, "sentinel");
        await().atMost(Duration.ofSeconds(60)).until(() -> ticketEvents(connection, sentinel).size() == 1);
        List<CloudEvent> events = ticketEvents(connection, ticket);
        assertThat(events).hasSize(4);
        assertThat(events.stream().map(CloudEvent::id).collect(Collectors.toSet())).hasSize(4);
        List<TicketEvent> tickets = events.stream().map(e -> e.data(TicketEvent.class)).toList();
        assertThat(tickets).extracting(TicketEvent::action).containsExactly(TicketEvent.Action.CREATED,
                TicketEvent.Action.UPDATED, TicketEvent.Action.UPDATED, TicketEvent.Action.DELETED);
        assertThat(tickets).allSatisfy(t -> {
            assertThat(t.ticketId()).isEqualTo(Long.toString(ticket));
            assertThat(t.tenant()).isEqualTo(Connections.TENANT);
            assertThat(t.vendor()).isEqualTo(Vendor.AUTOTASK);
            assertThat(t.actor()).isEqualTo(new TicketEvent.Actor(TicketEvent.Actor.Type.RESOURCE, Long.toString(technician), null));
        });
        assertThat(tickets.get(0).title()).isEqualTo("Printer offline");
        assertThat(tickets.get(1).status()).isEqualTo(new io.switchboard.contracts.payload.EntityRef(newStatus, "Waiting on Parts"));
        assertThat(tickets.get(1).changedFields()).containsExactly("status");
        assertThat(tickets.get(2).title()).isEqualTo(title);
        assertThat(tickets.get(2).changedFields()).containsExactly("title");
        for (CloudEvent event : events) {
            TicketEvent data = event.data(TicketEvent.class);
            assertThat(event.id()).isEqualTo(EventIds.deterministic(Connections.TENANT, connection.connectionId(), "autotask",
                    data.sourceEventId()));
            assertThat(event.source()).isEqualTo(EventSources.connection("webhook-ingest-service", Connections.TENANT,
                    connection.connectionId()));
            assertThat(event.subject()).isEqualTo(Long.toString(ticket));
        }
        assertThat(Topics.records(TopicCatalogue.TICKET_EVENTS, connection.connectionId()))
                .filteredOn(r -> CloudEventCodec.fromBytes(r.value()).subject().equals(Long.toString(ticket)))
                .hasSize(4)
                .allSatisfy(r -> assertThat(r.key()).isEqualTo(EventKeys.ticket(Connections.TENANT, Vendor.AUTOTASK, Long.toString(ticket))));

        List<RawWebhook> raw = Topics.events(TopicCatalogue.RAW_WEBHOOKS, connection.connectionId()).stream()
                .map(e -> e.data(RawWebhook.class)).toList();
        assertThat(raw).hasSize(5).allSatisfy(r -> {
            assertThat(r.verified()).isTrue();
            assertThat(r.vendor()).isEqualTo(Vendor.AUTOTASK);
            assertThat(AutotaskSignature.verify(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    r.headers().get("x-hook-signature"), Connections.webhookSecret(connection.connectionId()))).isTrue();
        });
        assertThat(raw).filteredOn(r -> r.body().contains("Drucker")).singleElement()
                .satisfies(r -> assertThat(r.body()).contains("\\u00E9").doesNotContain("\u00e9"));
    }

    @Test
    void changesByTheConnectionsOwnUsersAreNotDelivered() {
        Connections.Registered connection = Connections.autotask();
        CREATED.add(connection);
        long ticket = Sandbox.autotaskCreateTicket(Sandbox.impersonatedResource(), "made through Switchboard");
        Sandbox.autotaskUpdateTicket(Sandbox.impersonatedResource(), ticket, Json.MAPPER.createObjectNode().put("title", "ours"));
        long technician = Sandbox.autotaskTechnician();
        Sandbox.autotaskUpdateTicket(technician, ticket, Json.MAPPER.createObjectNode().put("title", "a technician's"));

        // the sandbox delivers a webhook's callouts in order: once the technician's change is there, ours would be too
        await().atMost(Duration.ofSeconds(60)).until(() -> !Topics.records(TopicCatalogue.TICKET_EVENTS, connection.connectionId()).isEmpty());
        List<TicketEvent> tickets = Topics.events(TopicCatalogue.TICKET_EVENTS, connection.connectionId()).stream()
                .map(e -> e.data(TicketEvent.class)).toList();
        assertThat(tickets).singleElement().satisfies(t -> {
            assertThat(t.title()).isEqualTo("a technician's");
            assertThat(t.actor().id()).isEqualTo(Long.toString(technician));
        });
    }

    @Test
    void manageTicketChangesArriveOnceEachWithTheirLabels() {
        Connections.Registered connection = Connections.manage();
        CREATED.add(connection);
        String technician = Sandbox.manageTechnician();
        long ticket = Sandbox.manage().listAll("service/tickets", io.switchboard.connectors.manage.ManageQuery.all().pageSize(1))
                .get(0).path("id").asLong();
        Sandbox.webhookFault("manage", "{\"duplicateWebhooks\": 100}");

        Sandbox.manageUpdateTicket(technician, ticket, Json.MAPPER.createObjectNode().put("summary", "VPN down \u00e9 <&> \"q\""));
        Sandbox.manageUpdateTicket(technician, ticket, Json.MAPPER.createObjectNode().put("summary", "VPN down again"));
        Sandbox.manageUpdateTicket(technician, ticket, Json.MAPPER.createObjectNode().put("summary", "sentinel"));

        // callbacks are delivered in order, each twice: once the last is on the topic, every copy before it was answered
        await().atMost(Duration.ofSeconds(60)).until(() -> Topics.records(TopicCatalogue.TICKET_EVENTS, connection.connectionId())
                .stream().anyMatch(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8).contains("sentinel")));
        List<CloudEvent> events = Topics.events(TopicCatalogue.TICKET_EVENTS, connection.connectionId());
        assertThat(events).hasSize(3);
        List<TicketEvent> tickets = events.stream().map(e -> e.data(TicketEvent.class)).toList();
        assertThat(tickets).extracting(TicketEvent::title).containsExactly("VPN down \u00e9 <&> \"q\"", "VPN down again", "sentinel");
        assertThat(tickets).allSatisfy(t -> {
            assertThat(t.vendor()).isEqualTo(Vendor.CONNECTWISE_MANAGE);
            assertThat(t.action()).isEqualTo(TicketEvent.Action.UPDATED);
            assertThat(t.status().label()).isNotBlank();
            assertThat(t.actor()).isEqualTo(new TicketEvent.Actor(TicketEvent.Actor.Type.MEMBER, technician, null));
        });
        assertThat(Topics.events(TopicCatalogue.RAW_WEBHOOKS, connection.connectionId())).hasSize(3);
        Set<String> ids = events.stream().map(CloudEvent::id).collect(Collectors.toSet());
        assertThat(ids).hasSize(3);
    }

    private static List<CloudEvent> ticketEvents(Connections.Registered connection, long ticket) {
        return Topics.events(TopicCatalogue.TICKET_EVENTS, connection.connectionId()).stream()
                .filter(e -> e.subject().equals(Long.toString(ticket))).toList();
    }

    private static void publishStatusLabel(String statusId, String name) {
        ReferenceRecord record = new ReferenceRecord(Connections.TENANT, Vendor.AUTOTASK, ReferenceRecord.Kind.TICKET_STATUS,
                statusId, name, true, Map.of(), Instant.now());
        CloudEvent event = CloudEvent.of(EventTypes.REFERENCE, EventSources.tenant("sync-worker", Connections.TENANT),
                "ticket-status/" + statusId, Connections.TENANT,
                EventIds.deterministic(Connections.TENANT, "autotask", "ticket-status", statusId, name), Instant.now(), record);
        TestKafka.send(IngestTestResource.bootstrapServers(), ReferenceRecord.Kind.TICKET_STATUS.topic(),
                EventKeys.reference(Connections.TENANT, Vendor.AUTOTASK, statusId), CloudEventCodec.toBytes(event));
    }
}
