package io.switchboard.sandbox.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.sandbox.data.Json;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** RFC 9457 bodies for every control-API error, including framework ones (unknown route, bad JSON). */
public class ProblemMapper {

    static Response problem(int status, String detail, UriInfo uri) {
        ObjectNode body = Json.obj().put("type", "about:blank")
                .put("title", Response.Status.fromStatusCode(status) != null
                        ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error")
                .put("status", status).put("detail", detail);
        if (uri != null) {
            body.put("instance", uri.getRequestUri().getPath());
        }
        return Response.status(status).type("application/problem+json").entity(Json.string(body)).build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return problem(e.status(), e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        return problem(e.getResponse().getStatus(), e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response invalid(IllegalArgumentException e, UriInfo uri) {
        return problem(400, e.getMessage(), uri);
    }
}
