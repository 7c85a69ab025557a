package io.switchboard.contracts;

import io.switchboard.contracts.payload.DeadLetter;
import io.switchboard.contracts.payload.IntegrationEvent;
import io.switchboard.contracts.payload.RawWebhook;
import io.switchboard.contracts.payload.ReferenceRecord;
import io.switchboard.contracts.payload.SyncCommand;
import io.switchboard.contracts.payload.SyncRunEvent;
import io.switchboard.contracts.payload.TicketEvent;
import io.switchboard.contracts.payload.WorkflowExecution;
import java.util.Map;
import java.util.Set;

/**
 * CloudEvent {@code type} values and, for each, its payload record and JSON Schema. The trailing {@code .v1}
 * is the contract version: a breaking change gets a new type and a new topic.
 */
public final class EventTypes {

    public static final String TICKET = "io.switchboard.ticket.v1";
    public static final String RAW_WEBHOOK = "io.switchboard.webhook.raw.v1";
    public static final String INTEGRATION = "io.switchboard.integration.v1";
    public static final String SYNC_COMMAND = "io.switchboard.sync.command.v1";
    public static final String SYNC_RUN = "io.switchboard.sync.run.v1";
    public static final String REFERENCE = "io.switchboard.reference.v1";
    public static final String WORKFLOW_EXECUTION = "io.switchboard.workflow.execution.v1";
    public static final String DEAD_LETTER = "io.switchboard.workflow.deadletter.v1";

    /** Classpath folder of the schemas. */
    public static final String SCHEMA_DIR = "switchboard/schemas/";
    /** Prefix of every schema {@code $id}; mapped to {@link #SCHEMA_DIR} so validation never goes to the network. */
    public static final String SCHEMA_BASE_URI = "https://schemas.switchboard.io/";
    public static final String ENVELOPE_SCHEMA = "cloudevent.schema.json";

    private record Definition(String schemaFile, Class<?> payloadClass) {
    }

    private static final Map<String, Definition> DEFINITIONS = Map.of(
            TICKET, new Definition("ticket-event.schema.json", TicketEvent.class),
            RAW_WEBHOOK, new Definition("raw-webhook.schema.json", RawWebhook.class),
            INTEGRATION, new Definition("integration-event.schema.json", IntegrationEvent.class),
            SYNC_COMMAND, new Definition("sync-command.schema.json", SyncCommand.class),
            SYNC_RUN, new Definition("sync-run-event.schema.json", SyncRunEvent.class),
            REFERENCE, new Definition("reference-record.schema.json", ReferenceRecord.class),
            WORKFLOW_EXECUTION, new Definition("workflow-execution.schema.json", WorkflowExecution.class),
            DEAD_LETTER, new Definition("dead-letter.schema.json", DeadLetter.class));

    private EventTypes() {
    }

    public static Set<String> all() {
        return DEFINITIONS.keySet();
    }

    public static boolean isKnown(String type) {
        return DEFINITIONS.containsKey(type);
    }

    /** File name of the data schema inside {@link #SCHEMA_DIR}, e.g. {@code ticket-event.schema.json}. */
    public static String schemaFile(String type) {
        return definition(type).schemaFile();
    }

    /** Classpath resource of the data schema, e.g. {@code switchboard/schemas/ticket-event.schema.json}. */
    public static String schemaResource(String type) {
        return SCHEMA_DIR + schemaFile(type);
    }

    /** The schema's {@code $id}, used as the CloudEvent {@code dataschema}. */
    public static String schemaUri(String type) {
        return SCHEMA_BASE_URI + schemaFile(type);
    }

    public static Class<?> payloadClass(String type) {
        return definition(type).payloadClass();
    }

    private static Definition definition(String type) {
        Definition definition = DEFINITIONS.get(type);
        if (definition == null) {
            throw new IllegalArgumentException("unknown event type: " + type);
        }
        return definition;
    }
}
