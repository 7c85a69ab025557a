package io.switchboard.sandbox.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Loose value comparison shared by the vendor query languages: numbers, ISO dates, booleans, text ignoring case. */
public final class Values {
    private Values() {
    }

    public static boolean isNull(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }

    public static String text(JsonNode n) {
        return isNull(n) ? null : n.isValueNode() ? n.asText() : n.toString();
    }

    static Instant instant(String s) {
        if (s == null || s.length() < 10 || !Character.isDigit(s.charAt(0)) || s.charAt(4) != '-') {
            return null;
        }
        try {
            return s.length() == 10 ? Instant.parse(s + "T00:00:00Z") : OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s + "Z");
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** Compares a stored value with a literal; Integer.MIN_VALUE when they cannot be compared. */
    public static int compare(JsonNode stored, Object literal) {
        if (isNull(stored) || literal == null) {
            return Integer.MIN_VALUE;
        }
        if (literal instanceof Boolean b) {
            return stored.isBoolean() || stored.isNumber()
                    ? Boolean.compare(stored.isBoolean() ? stored.booleanValue() : stored.asInt() != 0, b)
                    : Boolean.compare(Boolean.parseBoolean(stored.asText()), b);
        }
        if (literal instanceof Number num) {
            if (stored.isNumber()) {
                return Double.compare(stored.asDouble(), num.doubleValue());
            }
            if (stored.isBoolean()) {
                return Integer.compare(stored.booleanValue() ? 1 : 0, num.intValue());
            }
            try {
                return Double.compare(Double.parseDouble(stored.asText()), num.doubleValue());
            } catch (NumberFormatException e) {
                return Integer.MIN_VALUE;
            }
        }
        String lit = literal.toString();
        if (literal instanceof Instant i) {
            Instant s = instant(stored.asText());
            return s == null ? Integer.MIN_VALUE : s.compareTo(i);
        }
        if (stored.isNumber()) {
            try {
                return Double.compare(stored.asDouble(), Double.parseDouble(lit));
            } catch (NumberFormatException e) {
                return Integer.MIN_VALUE;
            }
        }
        if (stored.isBoolean()) {
            return Boolean.compare(stored.booleanValue(), Boolean.parseBoolean(lit));
        }
        Instant si = instant(stored.asText());
        Instant li = si == null ? null : instant(lit);
        if (li != null) {
            return si.compareTo(li);
        }
        return stored.asText().compareToIgnoreCase(lit);
    }

    /** SQL LIKE with % and _ wildcards, ignoring case. */
    public static boolean like(String value, String pattern) {
        StringBuilder re = new StringBuilder("(?is)");
        for (char c : pattern.toCharArray()) {
            re.append(c == '%' ? ".*" : c == '_' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return value.matches(re.toString());
    }
}
