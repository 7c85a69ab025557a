package io.switchboard.credential.rest;

import io.switchboard.credential.security.Caller;
import io.switchboard.credential.service.ConnectionDraft;
import io.switchboard.credential.service.ConnectionInput;
import io.switchboard.credential.service.ConnectionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
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
 * The tenant's vendor connections. The tenant is always the token's {@code tenant} claim; another tenant's
 * connection answers 404. {@code msp-admin} writes, {@code msp-viewer} (or admin) reads.
 */
@Path("/api/v1/connections")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "connections")
@SecurityRequirement(name = "SecurityScheme")
public class ConnectionResource {

    private static final String ADMIN = "msp-admin";
    private static final String VIEWER = "msp-viewer";

    private final ConnectionService connections;
    private final ConnectionInput input;
    private final Caller caller;

    public ConnectionResource(ConnectionService connections, ConnectionInput input, Caller caller) {
        this.connections = connections;
        this.input = input;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({VIEWER, ADMIN})
    @Operation(summary = "List the tenant's connections")
    public List<ConnectionView> list() {
        return connections.list(caller.tenant()).stream().map(ConnectionView::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({VIEWER, ADMIN})
    @Operation(summary = "Read one connection (secrets only as hints)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ConnectionView.class)))
    @APIResponse(responseCode = "404", description = "Unknown, or another tenant's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ConnectionView get(@PathParam("id") UUID id) {
        return ConnectionView.of(connections.get(caller.tenant(), id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ADMIN)
    @Operation(summary = "Create a connection", description = "Validated against the vendor before it is saved "
            + "(reachability, sign-in, discovery, permission probe); a connection that fails validation is saved too, with "
            + "validationState failed and the report in validation. The check takes a few seconds and is bounded.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConnectionRequest.class)))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ConnectionView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or a value of the wrong type",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown vendor, missing, oversize or unacceptable field (URL not https, private host)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(byte[] body, @Context UriInfo uri) {
        String tenant = caller.tenant();
        ConnectionView created = ConnectionView.of(connections.create(tenant, draft(body, true)));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ADMIN)
    @Operation(summary = "Update a connection", description = "Settings are replaced; secrets not sent keep their value. "
            + "Validated against the vendor like a create.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConnectionRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ConnectionView.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ConnectionView update(@PathParam("id") UUID id, byte[] body) {
        String tenant = caller.tenant();
        return ConnectionView.of(connections.update(tenant, id, draft(body, false)));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(ADMIN)
    @Operation(summary = "Delete a connection")
    @APIResponse(responseCode = "204")
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("id") UUID id) {
        connections.delete(caller.tenant(), id);
    }

    @POST
    @Path("{id}/test")
    @RolesAllowed(ADMIN)
    @Operation(summary = "Re-validate a saved connection against the vendor",
            description = "Reachability, authentication, discovery and the permission probe; the report is stored and "
                    + "returned in validation. A failed validation is still 200: validationState and validation.failure "
                    + "say what is wrong.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ConnectionView.class)))
    @APIResponse(responseCode = "404", description = "Unknown, or another tenant's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The connection changed while it was being validated: retry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ConnectionView test(@PathParam("id") UUID id) {
        return ConnectionView.of(connections.test(caller.tenant(), id));
    }

    private ConnectionDraft draft(byte[] body, boolean creating) {
        ConnectionRequest request = RequestBodies.parse(body, ConnectionRequest.class);
        return input.check(request.vendor(), request.displayName(), request.settings(), request.secrets(), creating);
    }
}
