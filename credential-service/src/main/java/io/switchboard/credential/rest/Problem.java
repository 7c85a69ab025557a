package io.switchboard.credential.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.credential.service.InvalidInputException.FieldError;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9457 problem details, served as {@code application/problem+json}; {@code errors} names each bad field. */
@Schema(name = "Problem")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://switchboard.io/problems/";

    static Response response(int status, String slug, String title, String detail, List<FieldError> errors) {
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(new Problem(TYPE_BASE + slug, title, status, detail, errors))
                .build();
    }
}
