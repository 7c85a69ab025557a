package io.switchboard.credential.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of the webhook secret PUT; a JSON node so a number is refused rather than coerced to text. */
@Schema(name = "WebhookSecretRequest")
public record WebhookSecretRequest(
        @Schema(required = true, type = SchemaType.STRING,
                minLength = 16, maxLength = 256, pattern = "^[\\x20-\\x7e]+$",
                description = "The signing secret of the webhook registered at the vendor: 16 to 256 printable ASCII characters")
        JsonNode secret) {
}
