package io.switchboard.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.connectors.VendorApiException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * How each vendor reports an error: where its messages sit in the body and what a status means for it. One
 * instance per vendor; {@link #body} turns any answer into its JSON body or the vendor's {@link VendorApiException}.
 */
public record VendorErrors(String vendor, Function<JsonNode, List<String>> messages,
                           BiFunction<Integer, List<String>, VendorApiException.Kind> classify) {

    /** The JSON body of a 2xx answer (a null node when empty); otherwise throws the classified error. */
    public JsonNode body(HttpResponse<String> response, String operation) {
        JsonNode body = Json.read(response.body());
        int status = response.statusCode();
        if (status / 100 == 2) {
            return body;
        }
        List<String> found = messages.apply(body);
        throw new VendorApiException(vendor, status, classify.apply(status, found), found, operation);
    }
}
