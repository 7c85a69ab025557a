package io.switchboard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.contracts.Topic;
import io.switchboard.contracts.TopicCatalogue;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** The broker's topics are exactly what the catalogue says: partitions, cleanup policy and retention. */
class TopicCatalogueOnBrokerTest {

    @Test
    void everyCatalogueTopicExistsAsDeclared() throws Exception {
        String bootstrap = SharedInfra.kafka().bootstrapServers();
        List<String> names = TopicCatalogue.topics().stream().map(Topic::name).toList();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get(30, TimeUnit.SECONDS);
            for (Topic topic : TopicCatalogue.topics()) {
                assertThat(descriptions.get(topic.name()).partitions()).as(topic.name()).hasSize(topic.partitions());
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
                assertThat(config.get("cleanup.policy").value()).as(topic.name()).isEqualTo(topic.cleanupPolicy());
                if (topic.retentionMs() != null) {
                    assertThat(config.get("retention.ms").value()).as(topic.name()).isEqualTo(topic.retentionMs().toString());
                }
            }
        }
    }

    @Test
    void creatingTheCatalogueAgainChangesNothing() {
        SharedInfra.kafka().createTopics(TopicCatalogue.topics());
        everyCatalogueTopicExistsAsDeclaredUnchecked();
    }

    private void everyCatalogueTopicExistsAsDeclaredUnchecked() {
        try {
            everyCatalogueTopicExistsAsDeclared();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
