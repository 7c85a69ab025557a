/**
 * Canonical payloads: the {@code data} of each CloudEvent type, one record per type. Field names are the JSON
 * names (camelCase); every field is always written, {@code null} where the value is unknown. Each record has a
 * JSON Schema under {@code switchboard/schemas/}, and the tests keep the two in step.
 */
package io.switchboard.contracts.payload;
