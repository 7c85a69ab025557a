package io.switchboard.credential;

import static io.switchboard.credential.Api.ADMIN;
import static io.switchboard.credential.Api.CONNECTIONS;
import static io.switchboard.credential.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.contracts.CloudEvent;
import io.switchboard.contracts.CloudEventCodec;
import io.switchboard.contracts.EventKeys;
import io.switchboard.contracts.EventTypes;
import io.switchboard.contracts.TopicCatalogue;
import io.switchboard.contracts.Vendor;
import io.switchboard.contracts.payload.IntegrationEvent;
import io.switchboard.credential.persistence.OutboxEventEntity;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.KeycloakTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import io.switchboard.testsupport.SharedInfra;
import io.switchboard.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end: API change → outbox row (same transaction) → outbox-relay (its own process, Debezium) → the real
 * broker → a plain consumer. The events carry the published settings only, never a secret.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(SandboxTestResource.class)
class OutboxEventTest {

    private static RelayProcess relay;

    @BeforeAll
    static void startRelay() {
        relay = RelayProcess.start("app");
    }

    @AfterAll
    static void stopRelay() throws InterruptedException {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void createdUpdatedRemovedReachKafkaWithoutSecrets() {
        String privateKey = Api.secret("manage-private-key");
        String id = Api.create(ADMIN, Api.manage(privateKey));
        String newKey = Api.secret("manage-private-key-2");
        as(ADMIN).contentType(ContentType.JSON).body(Api.manage(newKey).replace(Api.demo("MANAGE_COMPANY_ID"), "eu_branch"))
                .put(CONNECTIONS + "/" + id).then().statusCode(200);
        as(ADMIN).delete(CONNECTIONS + "/" + id).then().statusCode(204);
        String key = EventKeys.connection("demo-msp", id);

        List<ConsumerRecord<String, byte[]>> records = awaitRecords(key, 3);

        List<IntegrationEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(value).doesNotContain(privateKey).doesNotContain(newKey).doesNotContain("privateKey");
            CloudEvent event = CloudEventCodec.fromBytesValidated(record.value());
            assertThat(event.type()).isEqualTo(EventTypes.INTEGRATION);
            assertThat(event.tenant()).isEqualTo("demo-msp");
            assertThat(event.source()).isEqualTo("/switchboard/credential-service/tenants/demo-msp/connections/" + id);
            // the relay's id header is the event id: what consumers deduplicate on
            assertThat(new String(record.headers().lastHeader("id").value(), StandardCharsets.UTF_8)).isEqualTo(event.id());
            assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                    .isEqualTo(CloudEventCodec.CONTENT_TYPE);
            events.add(event.data(IntegrationEvent.class));
        }
        assertThat(events).extracting(IntegrationEvent::action).containsExactly(
                IntegrationEvent.Action.CREATED, IntegrationEvent.Action.UPDATED, IntegrationEvent.Action.REMOVED);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.connectionId()).isEqualTo(id);
            assertThat(e.vendor()).isEqualTo(Vendor.CONNECTWISE_MANAGE);
        });
        assertThat(events.get(0).settings()).isEqualTo(Map.of("siteUrl", Api.sandbox(), "companyId", Api.demo("MANAGE_COMPANY_ID")));
        assertThat(events.get(1).settings()).isEqualTo(Map.of("siteUrl", Api.sandbox(), "companyId", "eu_branch"));

        // the rows the relay read are the ones the API wrote, keyed for the topic
        assertThat(OutboxEventEntity.<OutboxEventEntity>list("aggregateid", key))
                .hasSize(3)
                .allSatisfy(row -> assertThat(row.aggregatetype).isEqualTo(TopicCatalogue.INTEGRATIONS));
    }

    @Test
    void anAutotaskConnectionIsAnnouncedWithTheZoneItsValidationDiscovered() {
        // the admin leaves the zone out: validation looks it up from the user name
        String id = Api.create(ADMIN, Api.autotask(Api.demo("AUTOTASK_SECRET"), Api.demo("AUTOTASK_INTEGRATION_CODE")));
        String discovered = as(ADMIN).get(CONNECTIONS + "/" + id).then().statusCode(200)
                .extract().path("validation.discovered.zoneUrl");

        IntegrationEvent created = CloudEventCodec.fromBytesValidated(awaitRecords(EventKeys.connection("demo-msp", id), 1)
                .get(0).value()).data(IntegrationEvent.class);

        assertThat(discovered).startsWith(Api.sandbox());
        assertThat(created.settings()).isEqualTo(Map.of("apiMemberId", Api.demo("AUTOTASK_API_RESOURCE_ID"),
                "impersonationResourceId", Api.demo("AUTOTASK_IMPERSONATION_RESOURCE_ID"), "zoneUrl", discovered));
    }

    @Test
    void aTestThatDiscoversTheZoneMovedAnnouncesTheConnectionUpdatedOnce() {
        String id = Api.create(ADMIN, Api.autotask(Api.demo("AUTOTASK_SECRET"), Api.demo("AUTOTASK_INTEGRATION_CODE")));
        String key = EventKeys.connection("demo-msp", id);
        try {
            SandboxVendors.moveAutotaskZone(SharedInfra.sandboxAlias());

            as(ADMIN).post(CONNECTIONS + "/" + id + "/test").then().statusCode(200).body("validation.state", equalTo("connected"));
            // nothing moved since: the second test announces nothing
            as(ADMIN).post(CONNECTIONS + "/" + id + "/test").then().statusCode(200);
        } finally {
            SandboxVendors.reset();
        }

        List<IntegrationEvent> events = awaitRecords(key, 2).stream()
                .map(r -> CloudEventCodec.fromBytesValidated(r.value()).data(IntegrationEvent.class)).toList();
        assertThat(events).extracting(IntegrationEvent::action)
                .containsExactly(IntegrationEvent.Action.CREATED, IntegrationEvent.Action.UPDATED);
        assertThat(events.get(0).settings().get("zoneUrl")).startsWith(Api.sandbox());
        assertThat(events.get(1).settings()).containsEntry("zoneUrl", SharedInfra.sandboxAlias() + "/ATServicesRest/");
        assertThat(OutboxEventEntity.<OutboxEventEntity>list("aggregateid", key)).hasSize(2);
    }

    /**
     * The first {@code count} distinct events with {@code key}, in topic order (one key: one partition); relay
     * replays are dropped on the event id, as every consumer does.
     */
    private static List<ConsumerRecord<String, byte[]>> awaitRecords(String key, int count) {
        Map<String, ConsumerRecord<String, byte[]>> matching = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.consumer(SharedInfra.kafka().bootstrapServers(),
                TopicCatalogue.INTEGRATIONS)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        matching.putIfAbsent(new String(r.headers().lastHeader("id").value(), StandardCharsets.UTF_8), r);
                    }
                });
                return matching.size() >= count;
            });
        }
        return new ArrayList<>(matching.values()).subList(0, count);
    }
}
