package io.switchboard.credential.rest;

import io.switchboard.credential.service.KeyRotationService;
import io.switchboard.credential.service.KeyRotationService.Result;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Key-encryption key rotation, for operators with a service identity:
 * <pre>
 * TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=credential-service \
 *   -d client_secret=credential-service-dev-secret "$KEYCLOAK_REALM_URL/protocol/openid-connect/token" | jq -r .access_token)
 * curl -s -X POST -H "Authorization: Bearer $TOKEN" "$CREDENTIALS_URL/internal/v1/key-rotation"
 * </pre>
 */
@Path("/internal/v1/key-rotation")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed("service")
public class KeyRotationResource {

    private final KeyRotationService rotation;

    public KeyRotationResource(KeyRotationService rotation) {
        this.rotation = rotation;
    }

    @POST
    @Operation(summary = "Re-wrap every record's data key under the current key-encryption key",
            description = "Runs in small transactions while the service keeps serving. When recordsByKeyVersion lists "
                    + "only the current version, older versions can be removed from the configuration.")
    public Result rotate() {
        return rotation.rotate();
    }

    @GET
    @Operation(summary = "How many records each key-encryption key version wraps")
    public Map<Integer, Long> status() {
        return rotation.countsByVersion();
    }
}
