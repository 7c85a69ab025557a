package io.switchboard.credential.service;

import io.switchboard.contracts.Vendor;
import io.switchboard.credential.validation.ValidationReport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a connection per vendor, as the setup guides define them (shared/seeds): which are secret, which
 * are required, their size limits, and which non-secret ones other services receive on {@code integrations.v1}.
 */
public final class VendorFields {

    /**
     * @param published sent to other services in the IntegrationEvent's settings (never a secret)
     */
    public record Field(String name, FieldKind kind, boolean required, int maxLength, boolean published) {
    }

    private static final int TEXT_MAX = 256;
    private static final int URL_MAX = 2048;
    private static final int SECRET_MAX = 1024;
    private static final int NUMERIC_MAX = 18;

    private static final Map<Vendor, Map<String, Field>> FIELDS = Map.of(
            Vendor.AUTOTASK, byName(
                    new Field("username", FieldKind.TEXT, true, TEXT_MAX, false),
                    new Field("secret", FieldKind.SECRET, true, SECRET_MAX, false),
                    // the tracking identifier authenticates requests together with username and secret
                    new Field("integrationCode", FieldKind.SECRET, true, SECRET_MAX, false),
                    new Field("apiMemberId", FieldKind.NUMERIC, true, NUMERIC_MAX, true),
                    new Field("impersonationResourceId", FieldKind.NUMERIC, false, NUMERIC_MAX, true),
                    // discovered from the username when absent; set to override
                    new Field("zoneUrl", FieldKind.URL, false, URL_MAX, true)),
            Vendor.CONNECTWISE_MANAGE, byName(
                    new Field("siteUrl", FieldKind.URL, true, URL_MAX, true),
                    new Field("companyId", FieldKind.TEXT, true, TEXT_MAX, true),
                    new Field("publicKey", FieldKind.TEXT, true, TEXT_MAX, false),
                    new Field("privateKey", FieldKind.SECRET, true, SECRET_MAX, false),
                    new Field("apiMemberIdentifier", FieldKind.TEXT, true, TEXT_MAX, false),
                    new Field("clientId", FieldKind.TEXT, true, TEXT_MAX, false)),
            Vendor.CONNECTWISE_AUTOMATE, byName(
                    new Field("serverUrl", FieldKind.URL, true, URL_MAX, true),
                    new Field("username", FieldKind.TEXT, true, TEXT_MAX, false),
                    new Field("password", FieldKind.SECRET, true, SECRET_MAX, false),
                    new Field("clientId", FieldKind.TEXT, true, TEXT_MAX, false),
                    // the authenticator's "manual entry code", for users without the integrator flag
                    new Field("totpSecret", FieldKind.SECRET, false, SECRET_MAX, false)));

    /** Settings the admin may leave out because validation discovers them: Autotask's zone, from the user name. */
    private static final Map<Vendor, List<String>> DISCOVERABLE = Map.of(Vendor.AUTOTASK, List.of("zoneUrl"));

    private VendorFields() {
    }

    public static Map<String, Field> of(Vendor vendor) {
        return FIELDS.get(vendor);
    }

    /**
     * The settings in effect: those the admin set, and for a discoverable one left out, what the connection's last
     * validation discovered. Other services act on these, so they need not repeat the discovery.
     */
    public static Map<String, String> effective(Vendor vendor, Map<String, String> settings, ValidationReport report) {
        Map<String, String> effective = new LinkedHashMap<>(settings);
        Map<String, Object> discovered = report == null || report.discovered() == null ? Map.of() : report.discovered();
        for (String name : DISCOVERABLE.getOrDefault(vendor, List.of())) {
            if (effective.get(name) == null && discovered.get(name) instanceof String value) {
                effective.put(name, value);
            }
        }
        return effective;
    }

    /** The settings other services may see, for the integration event: the published ones in effect. */
    public static Map<String, String> published(Vendor vendor, Map<String, String> settings, ValidationReport report) {
        Map<String, String> effective = effective(vendor, settings, report);
        Map<String, String> published = new LinkedHashMap<>();
        of(vendor).values().stream()
                .filter(Field::published)
                .filter(f -> effective.get(f.name()) != null)
                .forEach(f -> published.put(f.name(), effective.get(f.name())));
        return published;
    }

    private static Map<String, Field> byName(Field... fields) {
        Map<String, Field> map = new LinkedHashMap<>();
        List.of(fields).forEach(f -> map.put(f.name(), f));
        return Collections.unmodifiableMap(map);
    }
}
