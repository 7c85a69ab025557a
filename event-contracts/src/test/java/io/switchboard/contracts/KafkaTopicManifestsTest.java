package io.switchboard.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed Kubernetes topic resources are exactly what the catalogue generates. */
class KafkaTopicManifestsTest {

    private static final Path COMMITTED = Path.of("..", "deploy", "kubernetes", "kafka-topics.yaml");

    @Test
    void committedManifestsMatchTheCatalogue() throws Exception {
        Path fresh = Files.writeString(Path.of("target", "kafka-topics.yaml"), KafkaTopicManifests.render());
        assertThat(Files.readString(COMMITTED))
                .as("deploy/kubernetes/kafka-topics.yaml is stale: copy %s over it", fresh.toAbsolutePath())
                .isEqualTo(KafkaTopicManifests.render());
    }

    @Test
    void everyTopicIsAValidKafkaTopicResource() throws Exception {
        List<JsonNode> documents;
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(KafkaTopicManifests.render())) {
            documents = it.readAll().stream().filter(d -> !d.isMissingNode() && !d.isNull()).toList();
        }
        assertThat(documents).hasSameSizeAs(TopicCatalogue.topics());
        for (Topic topic : TopicCatalogue.topics()) {
            JsonNode resource = documents.stream()
                    .filter(d -> d.path("spec").path("topicName").asText().equals(topic.name())).findFirst().orElseThrow();
            assertThat(resource.path("kind").asText()).isEqualTo("KafkaTopic");
            assertThat(resource.path("metadata").path("name").asText()).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
            assertThat(resource.path("spec").path("partitions").asInt()).isEqualTo(topic.partitions());
            topic.brokerConfig().forEach((name, value) ->
                    assertThat(resource.path("spec").path("config").path(name).asText()).as(topic.name() + " " + name).isEqualTo(value));
        }
    }
}
