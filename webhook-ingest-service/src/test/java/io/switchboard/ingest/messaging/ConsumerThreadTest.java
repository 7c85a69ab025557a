package io.switchboard.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.contracts.Topic;
import io.switchboard.testsupport.SharedInfra;
import io.switchboard.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/** A consumer loop stuck retrying a record must still leave its group when its service stops, against the real broker. */
class ConsumerThreadTest {

    @Test
    void aLoopRetryingARecordEndsAndLeavesItsGroupWhenStopped() throws Exception {
        String bootstrap = SharedInfra.kafka().bootstrapServers();
        String topic = "consumer-thread-test-" + UUID.randomUUID();
        String group = topic;
        SharedInfra.kafka().createTopics(List.of(new Topic(topic, 1, "delete", 3_600_000L, null, "key", List.of(), List.of(),
                List.of(), "test")));
        TestKafka.send(bootstrap, topic, "key", "a record".getBytes(StandardCharsets.UTF_8));
        CountDownLatch retrying = new CountDownLatch(1);
        ConsumerThread[] self = new ConsumerThread[1];
        self[0] = new ConsumerThread("retrying", bootstrap, Map.of(ConsumerConfig.GROUP_ID_CONFIG, group), consumer -> {
            consumer.subscribe(List.of(topic));
            while (consumer.poll(Duration.ofSeconds(1)).isEmpty()) {
                // until the partitions are assigned and the record read
            }
            while (true) { // a record that never gets stored, as while the database is gone during a shutdown
                retrying.countDown();
                self[0].backOff(30_000);
            }
        });
        self[0].start();
        assertThat(retrying.await(60, TimeUnit.SECONDS)).isTrue();

        self[0].stop();

        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // left at once, not after the session or poll timeout: the next instance gets the partitions now
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                        .get(10, TimeUnit.SECONDS).get(group);
                assertThat(description.members()).isEmpty();
            });
        }
    }
}
