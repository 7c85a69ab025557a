package io.switchboard.credential.rest;

import io.switchboard.contracts.Vendor;
import io.switchboard.credential.persistence.ConnectionEntity;
import io.switchboard.credential.security.Caller;
import io.switchboard.credential.service.CredentialReadService;
import io.switchboard.credential.service.CredentialReadService.Credentials;
import io.switchboard.credential.service.VendorFields;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Decrypted credentials for Switchboard's services (client-credentials tokens with role {@code service});
 * every read is audited. Callers may cache briefly in memory and must never persist what they read.
 */
@Path("/internal/v1/connections/{id}/credentials")
@Tag(name = "internal")
@SecurityRequirement(name = "SecurityScheme")
public class InternalCredentialResource {

    /**
     * The decrypted connection, its settings as in effect (a discovered Autotask zone included); {@code webhookSecret}
     * is null until webhook-ingest-service stored one. {@code removed} and {@code removedAt} came later: clients that
     * ignore them keep working.
     */
    public record CredentialsView(UUID id, String tenant, String vendor, Map<String, String> settings,
                                  Map<String, String> secrets,
                                  @Schema(nullable = true, description = "The signing secret of the registered vendor "
                                          + "webhook (PUT …/webhook-secret), null while none is stored")
                                  String webhookSecret,
                                  @Schema(description = "The tenant deleted the connection; its credentials are readable "
                                          + "only for the grace period, to undo what was set up at the vendor")
                                  boolean removed,
                                  @Schema(nullable = true, description = "When the tenant deleted the connection, null while live")
                                  Instant removedAt) {

        static CredentialsView of(Credentials read) {
            ConnectionEntity connection = read.connection();
            Map<String, String> settings = VendorFields.effective(Vendor.fromWireName(connection.vendor), connection.settings,
                    connection.validationReport);
            return new CredentialsView(connection.id, connection.tenant, connection.vendor, settings, read.secrets(),
                    read.webhookSecret(), connection.removedAt != null, connection.removedAt);
        }
    }

    private final CredentialReadService reads;
    private final Caller caller;

    public InternalCredentialResource(CredentialReadService reads, Caller caller) {
        this.reads = reads;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("service")
    @Operation(summary = "Read a connection's decrypted credentials and webhook secret (audited)",
            description = "A connection its tenant deleted stays readable, with removed true, for the grace period "
                    + "(switchboard.credentials.removed-grace).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CredentialsView.class)))
    @APIResponse(responseCode = "404", description = "Unknown connection, or removed longer ago than the grace period",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response read(@PathParam("id") UUID id) {
        Credentials read = reads.read(id, caller.clientId(), caller.subject());
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(CredentialsView.of(read))
                .cacheControl(noStore)
                .build();
    }
}
