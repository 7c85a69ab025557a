package io.switchboard.ingest.normalize;

/** Which tenant and vendor connection a webhook arrived for, resolved from its unguessable path token. */
public record WebhookConnection(String tenant, String connectionId) {
}
