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
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** The broker's topics are exactly what the catalogue says: partitions and every configured setting. */
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
                topic.brokerConfig().forEach((name, value) ->
                        assertThat(config.get(name).value()).as(topic.name() + " " + name).isEqualTo(value));
            }
        }
    }

    @Test
    void creatingTheCatalogueAgainChangesNothing() {
        SharedInfra.kafka().createTopics(TopicCatalogue.topics());
        everyCatalogueTopicExistsAsDeclaredUnchecked();
    }

    /** A topic created before a catalogue change (here: the raw topic's larger message limit) gets the new setting. */
    @Test
    void creatingTheCatalogueAgainBringsChangedSettingsToExistingTopics() throws Exception {
        Topic raw = TopicCatalogue.topic(TopicCatalogue.RAW_WEBHOOKS);
        assertThat(raw.maxMessageBytes()).as("the catalogue raises the raw topic's message limit").isNotNull();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.kafka().bootstrapServers());
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, raw.name());
        try (Admin admin = Admin.create(props)) {
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", "1048588"), AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);

            SharedInfra.kafka().createTopics(TopicCatalogue.topics());

            String value = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                    .get("max.message.bytes").value();
            assertThat(value).isEqualTo(raw.maxMessageBytes().toString());
        }
    }

    private void everyCatalogueTopicExistsAsDeclaredUnchecked() {
        try {
            everyCatalogueTopicExistsAsDeclared();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
