package io.switchboard.credential.rest;

import io.switchboard.credential.security.Caller;
import io.switchboard.credential.service.InvalidInputException;
import io.switchboard.credential.service.InvalidInputException.FieldError;
import io.switchboard.credential.service.WebhookSecretService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where webhook-ingest-service keeps the signing secret of the webhook it registered at the vendor for a connection
 * (service tokens only; every write audited). It is returned with the credentials as {@code webhookSecret}.
 */
@Path("/internal/v1/connections/{id}/webhook-secret")
@Tag(name = "internal")
@SecurityRequirement(name = "SecurityScheme")
public class WebhookSecretResource {

    private final WebhookSecretService webhookSecrets;
    private final Caller caller;

    public WebhookSecretResource(WebhookSecretService webhookSecrets, Caller caller) {
        this.webhookSecrets = webhookSecrets;
        this.caller = caller;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("service")
    @Operation(summary = "Store or replace a connection's webhook signing secret (audited)",
            description = "Sealed like the connection's secrets; changes neither the connection nor its secret hints and "
                    + "emits no integration event.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookSecretRequest.class)))
    @APIResponse(responseCode = "204", description = "Stored")
    @APIResponse(responseCode = "400", description = "Malformed JSON or a secret that is not a string",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown connection, or one its tenant deleted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Missing secret, wrong length or characters, unknown property",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void store(@PathParam("id") UUID id, byte[] body) {
        webhookSecrets.store(id, secret(body), caller.clientId(), caller.subject());
    }

    private static String secret(byte[] body) {
        WebhookSecretRequest request = RequestBodies.parse(body, WebhookSecretRequest.class);
        if (request.secret() == null || request.secret().isNull()) {
            throw InvalidInputException.unprocessable("secret", "is required");
        }
        if (!request.secret().isTextual()) {
            throw new InvalidInputException(400, List.of(new FieldError("secret", "must be a string")));
        }
        String secret = request.secret().textValue();
        WebhookSecretService.problem(secret).ifPresent(message -> {
            throw InvalidInputException.unprocessable("secret", message);
        });
        return secret;
    }
}
