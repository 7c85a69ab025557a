package io.switchboard.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.CloudEvent;
import io.switchboard.contracts.CloudEventCodec;
import io.switchboard.contracts.EventIds;
import io.switchboard.contracts.EventKeys;
import io.switchboard.contracts.EventSchemas;
import io.switchboard.contracts.EventSources;
import io.switchboard.contracts.EventTypes;
import io.switchboard.contracts.TopicCatalogue;
import io.switchboard.contracts.Vendor;
import io.switchboard.contracts.payload.DeadLetter;
import io.switchboard.contracts.payload.EntityRef;
import io.switchboard.contracts.payload.TicketEvent;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import io.switchboard.testsupport.SharedInfra;
import io.switchboard.testsupport.TestKafka;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton across modules: a TicketEvent built with event-contracts is published to the real broker,
 * consumed by the workflow engine, schema-checked and recorded once in PostgreSQL; an invalid one is dead-lettered.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class TicketEventWalkingSkeletonTest {

    private static final String TENANT = "demo-msp";
    private static final String CONNECTION = "conn-" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void validEventIsRecordedOnceEvenWhenRedelivered() {
        CloudEvent first = ticketEvent("1001", "vendor-event-a");
        CloudEvent marker = ticketEvent("1001", "vendor-event-b");
        String key = EventKeys.ticket(TENANT, Vendor.AUTOTASK, "1001");

        publish(key, first);
        publish(key, first); // a vendor retry: same vendor event, so the same CloudEvent id
        publish(key, marker); // same key, so consumed after both copies

        await().atMost(Duration.ofSeconds(30)).until(() -> countInbox(marker.id()) == 1);
        assertThat(countInbox(first.id())).isEqualTo(1);
    }

    @Test
    void invalidEventGoesToTheDeadLetterTopicAndNotToTheInbox() {
        String key = EventKeys.ticket(TENANT, Vendor.AUTOTASK, "2002");
        String broken = "{\"specversion\":\"1.0\",\"id\":\"broken-" + UUID.randomUUID() + "\",\"source\":\"/test\","
                + "\"type\":\"io.switchboard.ticket.v1\",\"tenant\":\"demo-msp\",\"data\":{\"action\":\"exploded\"}}";
        TestKafka.send(bootstrap(), TopicCatalogue.TICKET_EVENTS, key, broken.getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterFor(broken) != null);
        ConsumerRecord<String, byte[]> record = deadLetterFor(broken);
        assertThat(record.key()).isEqualTo(key);
        CloudEvent letterEvent = CloudEventCodec.fromBytes(record.value());
        assertThat(EventSchemas.validate(CloudEventCodec.readTree(record.value()))).isEmpty();
        assertThat(letterEvent.type()).isEqualTo(EventTypes.DEAD_LETTER);
        DeadLetter letter = letterEvent.data(DeadLetter.class);
        assertThat(letter.originalTopic()).isEqualTo(TopicCatalogue.TICKET_EVENTS);
        assertThat(letter.reason()).isNotBlank();
        assertThat(countInboxLike("broken-%")).isZero();
    }

    private static CloudEvent ticketEvent(String ticketId, String vendorEventId) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TicketEvent ticket = new TicketEvent(TicketEvent.Action.UPDATED, TENANT, CONNECTION, Vendor.AUTOTASK, ticketId,
                "T20261123.0001", "Printer offline", new EntityRef("8", "In Progress"), new EntityRef("2", null),
                new EntityRef("29682833", "Level I Support"), new EntityRef("174", "Contoso Dental"), null, null,
                List.of("status"), TicketEvent.Actor.unknown(), vendorEventId, at);
        return CloudEvent.of(EventTypes.TICKET, EventSources.connection("webhook-ingest-service", TENANT, CONNECTION),
                ticketId, TENANT, EventIds.deterministic(TENANT, CONNECTION, vendorEventId), at, ticket);
    }

    private static void publish(String key, CloudEvent event) {
        EventSchemas.requireValid(event);
        TestKafka.send(bootstrap(), TopicCatalogue.TICKET_EVENTS, key, CloudEventCodec.toBytes(event));
    }

    private static ConsumerRecord<String, byte[]> deadLetterFor(String originalValue) {
        return TestKafka.readAll(bootstrap(), TopicCatalogue.WORKFLOW_DLQ, Duration.ofMillis(500), Duration.ofSeconds(5))
                .stream()
                .filter(r -> CloudEventCodec.fromBytes(r.value()).data(DeadLetter.class).originalValue().equals(originalValue))
                .findFirst().orElse(null);
    }

    private static String bootstrap() {
        return SharedInfra.kafka().bootstrapServers();
    }

    private long countInbox(String eventId) {
        return count("SELECT count(*) FROM ticket_event_inbox WHERE event_id = ?", eventId);
    }

    private long countInboxLike(String pattern) {
        return count("SELECT count(*) FROM ticket_event_inbox WHERE event_id LIKE ?", pattern);
    }

    private long count(String sql, String parameter) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
