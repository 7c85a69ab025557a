package io.switchboard.credential.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.contracts.Vendor;
import io.switchboard.credential.security.UrlPolicy;
import io.switchboard.credential.service.InvalidInputException.FieldError;
import io.switchboard.credential.service.VendorFields.Field;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Checks a request's fields against the vendor's field list; every problem names its field, none quotes a value. */
@ApplicationScoped
public class ConnectionInput {

    static final int DISPLAY_NAME_MAX = 120;

    private final UrlPolicy urlPolicy;

    public ConnectionInput(UrlPolicy urlPolicy) {
        this.urlPolicy = urlPolicy;
    }

    /**
     * @param creating on create every required secret must be present; on update missing ones keep their value
     */
    public ConnectionDraft check(String vendorName, String displayName, Map<String, JsonNode> settings,
                                 Map<String, JsonNode> secrets, boolean creating) {
        Vendor vendor = vendor(vendorName);
        Map<String, Field> fields = VendorFields.of(vendor);
        List<FieldError> typeErrors = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        if (displayName != null && (displayName.isBlank() || displayName.length() > DISPLAY_NAME_MAX)) {
            errors.add(new FieldError("displayName", "must be 1 to " + DISPLAY_NAME_MAX + " characters"));
        }

        Map<String, String> checkedSettings = new LinkedHashMap<>();
        (settings == null ? Map.<String, JsonNode>of() : settings).forEach((name, node) -> {
            String path = "settings." + name;
            Field field = fields.get(name);
            if (field == null) {
                errors.add(new FieldError(path, "is not a field of " + vendor.wireName() + "; known: " + names(fields, false)));
            } else if (field.kind() == FieldKind.SECRET) {
                errors.add(new FieldError(path, "is a secret: send it in secrets"));
            } else if (node != null && !node.isNull()) {
                text(node, field).ifPresentOrElse(
                        value -> problem(value, field).ifPresentOrElse(
                                message -> errors.add(new FieldError(path, message)),
                                () -> checkedSettings.put(name, value)),
                        () -> typeErrors.add(new FieldError(path, expected(field))));
            }
        });
        fields.values().stream()
                .filter(f -> f.kind() != FieldKind.SECRET && f.required() && absent(settings, f.name()))
                .forEach(f -> errors.add(new FieldError("settings." + f.name(), "is required")));

        Map<String, String> checkedSecrets = new HashMap<>();
        (secrets == null ? Map.<String, JsonNode>of() : secrets).forEach((name, node) -> {
            String path = "secrets." + name;
            Field field = fields.get(name);
            if (field == null || field.kind() != FieldKind.SECRET) {
                errors.add(new FieldError(path, "is not a secret of " + vendor.wireName() + "; secrets: " + names(fields, true)));
            } else if (node == null || node.isNull()) {
                if (field.required()) {
                    errors.add(new FieldError(path, "is required and cannot be cleared"));
                } else {
                    checkedSecrets.put(name, null);
                }
            } else if (!node.isTextual()) {
                typeErrors.add(new FieldError(path, "must be a string"));
            } else {
                problem(node.textValue(), field).ifPresentOrElse(
                        message -> errors.add(new FieldError(path, message)),
                        () -> checkedSecrets.put(name, node.textValue()));
            }
        });
        if (creating) {
            fields.values().stream()
                    // a null for a required secret was reported above
                    .filter(f -> f.kind() == FieldKind.SECRET && f.required() && (secrets == null || !secrets.containsKey(f.name())))
                    .forEach(f -> errors.add(new FieldError("secrets." + f.name(), "is required")));
        }

        if (!typeErrors.isEmpty()) {
            throw new InvalidInputException(400, typeErrors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(422, errors);
        }
        return new ConnectionDraft(vendor, displayName, checkedSettings, checkedSecrets);
    }

    static Vendor vendor(String name) {
        if (name == null) {
            throw InvalidInputException.unprocessable("vendor", "is required; one of " + vendorNames());
        }
        return Arrays.stream(Vendor.values())
                .filter(v -> v.wireName().equals(name))
                .findFirst()
                .orElseThrow(() -> InvalidInputException.unprocessable("vendor", "is not a known vendor; one of " + vendorNames()));
    }

    private static boolean absent(Map<String, JsonNode> values, String name) {
        return values == null || values.get(name) == null || values.get(name).isNull();
    }

    /** The value as text, or empty when its JSON type is wrong for the field. */
    private static Optional<String> text(JsonNode node, Field field) {
        if (node.isTextual()) {
            return Optional.of(node.textValue());
        }
        if (field.kind() == FieldKind.NUMERIC && node.isIntegralNumber()) {
            return Optional.of(node.asText());
        }
        return Optional.empty();
    }

    private Optional<String> problem(String value, Field field) {
        if (value.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (value.length() > field.maxLength()) {
            return Optional.of("must be at most " + field.maxLength() + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("must not contain control characters");
        }
        return switch (field.kind()) {
            case NUMERIC -> value.matches("[1-9][0-9]*") ? Optional.empty() : Optional.of("must be a positive whole number");
            case URL -> urlPolicy.problem(value);
            case TEXT, SECRET -> Optional.empty();
        };
    }

    private static String expected(Field field) {
        return field.kind() == FieldKind.NUMERIC ? "must be a whole number or a string of digits" : "must be a string";
    }

    private static String names(Map<String, Field> fields, boolean secret) {
        return fields.values().stream()
                .filter(f -> (f.kind() == FieldKind.SECRET) == secret)
                .map(Field::name)
                .collect(Collectors.joining(", "));
    }

    private static String vendorNames() {
        return Arrays.stream(Vendor.values()).map(Vendor::wireName).collect(Collectors.joining(", "));
    }
}
