package io.switchboard.testsupport;

import io.switchboard.infra.QuarkusService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The sandbox demo tenant's credentials, read from the sandbox itself (the lines ./switchboard env prints). */
public final class SandboxDemoTenant {

    private static final Pattern EXPORT = Pattern.compile("^export ([A-Z0-9_]+)=(?:'((?:[^']|'\\\\'')*)'|(\\S*))$");

    private SandboxDemoTenant() {
    }

    public static Map<String, String> credentials() {
        String url = SharedInfra.sandbox().url() + "/_sandbox/demo-tenant/env";
        return parse(QuarkusService.httpGet(url).orElseThrow(() -> new IllegalStateException("no answer from " + url)));
    }

    /** Reads {@code export NAME=value} lines, undoing the shell quoting ({@code '...'} with {@code '\''} inside). */
    public static Map<String, String> parse(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            Matcher m = EXPORT.matcher(line.trim());
            if (m.matches()) {
                values.put(m.group(1), m.group(2) != null ? m.group(2).replace("'\\''", "'") : m.group(3));
            }
        }
        return values;
    }

    public static String get(String name) {
        String value = credentials().get(name);
        if (value == null) {
            throw new IllegalStateException("the sandbox demo tenant has no " + name);
        }
        return value;
    }
}
