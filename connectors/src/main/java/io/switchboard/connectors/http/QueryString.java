package io.switchboard.connectors.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Query parameters in order, percent-encoded (spaces as %20: condition strings are full of them). */
public final class QueryString {

    private final Map<String, String> parameters = new LinkedHashMap<>();

    public QueryString with(String name, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            parameters.put(name, value.toString());
        }
        return this;
    }

    /** "" or "?a=1&b=2". */
    @Override
    public String toString() {
        if (parameters.isEmpty()) {
            return "";
        }
        return parameters.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&", "?", ""));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
