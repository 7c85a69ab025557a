package io.switchboard.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Validates events against the envelope schema and the data schema of their type (JSON Schema 2020-12, with
 * {@code format} asserted so a malformed date-time is an error, not an annotation).
 *
 * <p>Schemas are loaded once, when this class is initialised (JVM class initialisation makes that
 * thread-safe); a broken schema therefore fails at start-up, not on the first event. {@link JsonSchema} is
 * immutable after initialisation and safe to share between threads.
 */
public final class EventSchemas {

    private static final JsonSchema ENVELOPE;
    private static final Map<String, JsonSchema> DATA_BY_TYPE;

    static {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers ->
                        mappers.mapPrefix(EventTypes.SCHEMA_BASE_URI, "classpath:" + EventTypes.SCHEMA_DIR)));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .build();
        ENVELOPE = load(factory, config, EventTypes.ENVELOPE_SCHEMA);
        Map<String, JsonSchema> byType = new HashMap<>();
        for (String type : EventTypes.all()) {
            byType.put(type, load(factory, config, EventTypes.schemaFile(type)));
        }
        DATA_BY_TYPE = Map.copyOf(byType);
    }

    private EventSchemas() {
    }

    /** All contract violations of a CloudEvent in JSON form; empty when it is valid. */
    public static List<String> validate(JsonNode event) {
        List<String> errors = new ArrayList<>(messages("$", ENVELOPE.validate(event)));
        JsonNode typeNode = event.path("type");
        if (!typeNode.isTextual()) {
            return errors; // the envelope errors already say why
        }
        JsonSchema dataSchema = DATA_BY_TYPE.get(typeNode.asText());
        if (dataSchema == null) {
            errors.add("$.type: unknown event type '" + typeNode.asText() + "', known: " + EventTypes.all());
            return errors;
        }
        JsonNode data = event.path("data");
        if (data.isObject()) {
            errors.addAll(messages("$.data", dataSchema.validate(data)));
            errors.addAll(tenantMismatch(event, data));
        }
        return errors;
    }

    /** Throws {@link InvalidEventException} listing every violation. */
    public static void requireValid(JsonNode event) {
        List<String> errors = validate(event);
        if (!errors.isEmpty()) {
            throw new InvalidEventException(errors);
        }
    }

    /** Validates an event before it is produced; returns it so the call can wrap serialization. */
    public static CloudEvent requireValid(CloudEvent event) {
        requireValid(EventJson.mapper().<JsonNode>valueToTree(event));
        return event;
    }

    // Routing, ACLs and dedupe use the envelope's tenant; a payload of another tenant would leak across MSPs.
    private static List<String> tenantMismatch(JsonNode event, JsonNode data) {
        if (!data.has("tenant")) {
            return List.of();
        }
        String envelopeTenant = event.path("tenant").isTextual() ? event.get("tenant").asText() : null;
        String dataTenant = data.get("tenant").isTextual() ? data.get("tenant").asText() : null;
        return Objects.equals(envelopeTenant, dataTenant)
                ? List.of()
                : List.of("$.tenant: '" + envelopeTenant + "' differs from $.data.tenant '" + dataTenant + "'");
    }

    private static List<String> messages(String root, Set<ValidationMessage> messages) {
        return messages.stream()
                // JSON path of the instance, re-rooted ("$.action" of the data becomes "$.data.action")
                .map(m -> root + m.getInstanceLocation().toString().substring(1) + ": " + m.getError())
                .sorted()
                .toList();
    }

    private static JsonSchema load(JsonSchemaFactory factory, SchemaValidatorsConfig config, String file) {
        JsonSchema schema = factory.getSchema(SchemaLocation.of(EventTypes.SCHEMA_BASE_URI + file), config);
        schema.initializeValidators();
        return schema;
    }
}
