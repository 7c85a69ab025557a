package io.switchboard.contracts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The single list of Kafka topics. Local scripts, test resources and the Kubernetes topic resources are all
 * generated from {@code switchboard/topics.json}, so a topic exists everywhere or nowhere.
 */
public final class TopicCatalogue {

    public static final String RESOURCE = "switchboard/topics.json";

    public static final String INTEGRATIONS = "integrations.v1";
    public static final String TICKET_EVENTS = "tickets.events.v1";
    public static final String RAW_WEBHOOKS = "webhooks.raw.v1";
    public static final String SYNC_SCHEDULE = "sync.schedule.v1";
    public static final String SYNC_TRIGGER = "sync.trigger.v1";
    public static final String SYNC_RUNS = "sync.runs.v1";
    public static final String WORKFLOW_EXECUTIONS = "workflow.executions.v1";
    public static final String WORKFLOW_DLQ = "workflow.dlq.v1";

    private static final List<Topic> TOPICS = load();

    private TopicCatalogue() {
    }

    public static List<Topic> topics() {
        return TOPICS;
    }

    public static Topic topic(String name) {
        return TOPICS.stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("topic not in catalogue: " + name));
    }

    private static List<Topic> load() {
        try (InputStream in = TopicCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            JsonNode root = EventJson.mapper().readTree(in);
            return List.copyOf(EventJson.mapper().convertValue(root.get("topics"), new TypeReference<List<Topic>>() {
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
