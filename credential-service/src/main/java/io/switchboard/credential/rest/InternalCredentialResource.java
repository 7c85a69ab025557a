package io.switchboard.credential.rest;

import io.switchboard.credential.security.Caller;
import io.switchboard.credential.service.CredentialReadService;
import io.switchboard.credential.service.CredentialReadService.Credentials;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
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

    /** The decrypted connection. */
    public record CredentialsView(UUID id, String tenant, String vendor, Map<String, String> settings,
                                  Map<String, String> secrets) {
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
    @Operation(summary = "Read a connection's decrypted credentials (audited)")
    public Response read(@PathParam("id") UUID id) {
        Credentials read = reads.read(id, caller.clientId(), caller.subject());
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(new CredentialsView(read.connection().id, read.connection().tenant, read.connection().vendor,
                        read.connection().settings, read.secrets()))
                .cacheControl(noStore)
                .build();
    }
}
