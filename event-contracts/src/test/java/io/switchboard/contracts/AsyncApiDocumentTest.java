package io.switchboard.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** asyncapi.yaml is written by hand: these checks keep it in step with topics.json and the schemas. */
class AsyncApiDocumentTest {

    private static JsonNode doc;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = AsyncApiDocumentTest.class.getClassLoader().getResourceAsStream("switchboard/asyncapi.yaml")) {
            assertThat(in).as("switchboard/asyncapi.yaml on the classpath").isNotNull();
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    private static Map<String, JsonNode> channelsByAddress() {
        return fields(doc.get("channels")).values().stream()
                .collect(Collectors.toMap(c -> c.get("address").asText(), Function.identity()));
    }

    private static Map<String, JsonNode> fields(JsonNode node) {
        return StreamSupport.stream(((Iterable<Map.Entry<String, JsonNode>>) node::fields).spliterator(), false)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Resolves a local reference such as {@code #/channels/ticketsEvents/messages/ticketEvent}. */
    private static JsonNode resolve(JsonNode refHolder) {
        String ref = refHolder.get("$ref").asText();
        assertThat(ref).startsWith("#/");
        JsonNode target = doc.at(ref.substring(1));
        assertThat(target.isMissingNode()).as("reference " + ref + " resolves").isFalse();
        return target.has("$ref") ? resolve(target) : target;
    }

    @Test
    void isAsyncApi3() {
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(doc.at("/info/title").asText()).isNotBlank();
    }

    @Test
    void everyCatalogueTopicIsAChannelWithTheSameAddressAndConfig() {
        Map<String, JsonNode> channels = channelsByAddress();
        assertThat(channels.keySet()).containsExactlyInAnyOrderElementsOf(
                TopicCatalogue.topics().stream().map(Topic::name).toList());
        for (Topic topic : TopicCatalogue.topics()) {
            JsonNode kafka = channels.get(topic.name()).at("/bindings/kafka");
            assertThat(kafka.path("topic").asText()).isEqualTo(topic.name());
            assertThat(kafka.path("partitions").asInt()).as(topic.name()).isEqualTo(topic.partitions());
            assertThat(kafka.path("bindingVersion").asText()).isNotBlank();
            JsonNode config = kafka.path("topicConfiguration");
            assertThat(config.path("cleanup.policy").get(0).asText()).as(topic.name()).isEqualTo(topic.cleanupPolicy());
            if (topic.retentionMs() == null) {
                assertThat(config.has("retention.ms")).as(topic.name()).isFalse();
            } else {
                assertThat(config.path("retention.ms").asLong()).as(topic.name()).isEqualTo(topic.retentionMs());
            }
            assertThat(config.has("max.message.bytes") ? config.path("max.message.bytes").asInt() : null)
                    .as(topic.name()).isEqualTo(topic.maxMessageBytes());
            assertThat(channels.get(topic.name()).path("description").asText()).contains("`" + topic.key() + "`");
        }
    }

    @Test
    void everyChannelCarriesExactlyTheCatalogueEventTypesWithTheirSchema() {
        Map<String, JsonNode> channels = channelsByAddress();
        for (Topic topic : TopicCatalogue.topics()) {
            List<JsonNode> messages = fields(channels.get(topic.name()).get("messages")).values().stream()
                    .map(AsyncApiDocumentTest::resolve).toList();
            assertThat(messages).extracting(m -> m.path("name").asText()).as(topic.name())
                    .containsExactlyInAnyOrderElementsOf(topic.eventTypes());
            for (JsonNode message : messages) {
                String type = message.path("name").asText();
                JsonNode allOf = message.at("/payload/schema/allOf");
                assertThat(allOf.get(0).path("$ref").asText()).isEqualTo("./schemas/" + EventTypes.ENVELOPE_SCHEMA);
                assertThat(allOf.get(1).at("/properties/type/const").asText()).isEqualTo(type);
                assertThat(allOf.get(1).at("/properties/data/$ref").asText()).isEqualTo("./schemas/" + EventTypes.schemaFile(type));
                assertThat(message.at("/bindings/kafka/key/description").asText()).as(type).isNotBlank();
            }
        }
    }

    @Test
    void messageKeysMatchTheCatalogueKeyFormat() {
        JsonNode ticket = doc.at("/components/messages/ticketEvent/bindings/kafka/key");
        assertThat(ticket.path("description").asText()).isEqualTo(TopicCatalogue.topic(TopicCatalogue.TICKET_EVENTS).key());
        assertThat(EventKeys.ticket("acme", Vendor.AUTOTASK, "48213")).matches(ticket.path("pattern").asText());
        JsonNode connection = doc.at("/components/messages/integrationEvent/bindings/kafka/key");
        assertThat(EventKeys.connection("acme", "c-1")).matches(connection.path("pattern").asText());
        JsonNode reference = doc.at("/components/messages/referenceRecord/bindings/kafka/key");
        assertThat(EventKeys.reference("acme", Vendor.CONNECTWISE_AUTOMATE, "77")).matches(reference.path("pattern").asText());
    }

    @Test
    void everyProducerSendsAndEveryConsumerReceivesItsTopic() {
        Set<String> declared = new HashSet<>();
        for (JsonNode operation : fields(doc.get("operations")).values()) {
            JsonNode channel = resolve(operation.get("channel"));
            operation.get("messages").forEach(AsyncApiDocumentTest::resolve);
            String action = operation.path("action").asText();
            String service = action.equals("receive")
                    ? operation.at("/bindings/kafka/groupId/enum/0").asText()
                    : operation.path("title").asText().split(" ")[0];
            declared.add(service + " " + action + " " + channel.path("address").asText());
        }
        Set<String> expected = new HashSet<>();
        for (Topic topic : TopicCatalogue.topics()) {
            topic.producers().forEach(p -> expected.add(p + " send " + topic.name()));
            topic.consumers().forEach(c -> expected.add(c + " receive " + topic.name()));
        }
        assertThat(declared).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everySchemaFileIsReferencedAndEveryReferenceExists() {
        Set<String> referenced = new HashSet<>();
        collectSchemaRefs(doc, referenced);
        Set<String> files = ClasspathFiles.list("switchboard/schemas", ".schema.json").stream()
                .map(p -> "./schemas/" + p.getFileName()).collect(Collectors.toSet());
        assertThat(referenced).containsExactlyInAnyOrderElementsOf(files);
        assertThat(files).contains("./schemas/" + EventTypes.ENVELOPE_SCHEMA);
        EventTypes.all().forEach(type -> {
            assertThat(files).contains("./schemas/" + EventTypes.schemaFile(type));
            assertThat(getClass().getClassLoader().getResource(EventTypes.schemaResource(type))).as(type).isNotNull();
        });
    }

    private static void collectSchemaRefs(JsonNode node, Set<String> refs) {
        if (node.has("$ref") && node.get("$ref").asText().startsWith("./schemas/")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectSchemaRefs(child, refs));
    }

    @Test
    void everyMessageExampleIsAValidEventOfThatMessage() {
        int examples = 0;
        for (JsonNode message : fields(doc.at("/components/messages")).values()) {
            for (JsonNode example : message.path("examples")) {
                JsonNode payload = example.get("payload");
                assertThat(payload.path("type").asText()).isEqualTo(message.path("name").asText());
                assertThat(EventSchemas.validate(payload)).as(example.path("name").asText()).isEmpty();
                examples++;
            }
        }
        assertThat(examples).isGreaterThanOrEqualTo(EventTypes.all().size());
    }

    @Test
    void schemaIdsMatchTheirFileNames() throws IOException {
        for (Path file : ClasspathFiles.list("switchboard/schemas", ".schema.json")) {
            JsonNode schema = EventJson.mapper().readTree(file.toFile());
            assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("$id").asText()).isEqualTo(EventTypes.SCHEMA_BASE_URI + file.getFileName());
        }
    }
}
