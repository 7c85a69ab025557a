package io.switchboard.credential.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.switchboard.credential.service.InvalidInputException;
import io.switchboard.credential.service.InvalidInputException.FieldError;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Parses request bodies strictly (unknown properties refused) and turns Jackson's errors into problems that name
 * the field. Jackson's own messages are not used: they may quote the input, and the input holds secrets.
 */
final class RequestBodies {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RequestBodies() {
    }

    static <T> T parse(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw malformed("a JSON body is required");
        }
        // syntax first, so a truncated document is "malformed", not a wrong type of whatever field it ended in
        JsonNode tree;
        try {
            tree = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw malformed(at == null ? "malformed JSON"
                    : "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
        } catch (IOException e) {
            throw malformed("unreadable body");
        }
        if (tree == null || !tree.isObject()) {
            throw malformed("must be a JSON object");
        }
        try {
            return STRICT.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw InvalidInputException.unprocessable(path(e), "is not a known property");
        } catch (JsonProcessingException e) {
            String path = e instanceof JsonMappingException m ? path(m) : "";
            throw new InvalidInputException(400, List.of(new FieldError(path, "has the wrong type")));
        }
    }

    private static InvalidInputException malformed(String message) {
        return new InvalidInputException(400, List.of(new FieldError("", message)));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
