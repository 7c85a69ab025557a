package io.switchboard.sandbox.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.sandbox.data.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The ConnectWise condition language (Manage {@code conditions}, Automate {@code condition}): comparisons
 * = != < <= > >= (Automate also eq), [not] like / contains / in, and / or, parentheses; literals in quotes,
 * [dates] (Manage) or bare ISO dates (Automate), numbers, true/false, null. Paths use '/' (Manage) or '.'.
 */
public final class Conditions {
    private static final Object NULL = new Object();
    private final String src;
    private final char separator;
    private final Function<String[], String[]> alias;
    private int pos;

    private Conditions(String src, char separator, Function<String[], String[]> alias) {
        this.src = src;
        this.separator = separator;
        this.alias = alias;
    }

    /** Parses {@code condition}; throws IllegalArgumentException with the position on a syntax error. */
    public static Predicate<JsonNode> parse(String condition, char separator, Function<String[], String[]> alias) {
        if (condition == null || condition.isBlank()) {
            return n -> true;
        }
        Conditions p = new Conditions(condition, separator, alias);
        Predicate<JsonNode> result = p.or();
        p.skipWs();
        if (p.pos < p.src.length()) {
            throw p.error("unexpected '" + p.src.substring(p.pos) + "'");
        }
        return result;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("Invalid condition at position " + pos + ": " + what
                + ". Strings must be quoted, datetimes in square brackets [2015-12-23T05:53:27Z], numbers digits with "
                + "an optional '.' and leading '-', booleans true or false, or the null keyword.");
    }

    private void skipWs() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private boolean keyword(String kw) {
        skipWs();
        int end = pos + kw.length();
        if (end <= src.length() && src.regionMatches(true, pos, kw, 0, kw.length())
                && (end == src.length() || !Character.isLetterOrDigit(src.charAt(end)))) {
            pos = end;
            return true;
        }
        return false;
    }

    private boolean symbol(String s) {
        skipWs();
        if (src.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    private Predicate<JsonNode> or() {
        Predicate<JsonNode> left = and();
        while (keyword("or")) {
            Predicate<JsonNode> l = left;
            Predicate<JsonNode> r = and();
            left = n -> l.test(n) || r.test(n);
        }
        return left;
    }

    private Predicate<JsonNode> and() {
        Predicate<JsonNode> left = primary();
        while (keyword("and")) {
            Predicate<JsonNode> l = left;
            Predicate<JsonNode> r = primary();
            left = n -> l.test(n) && r.test(n);
        }
        return left;
    }

    private Predicate<JsonNode> primary() {
        if (symbol("(")) {
            Predicate<JsonNode> inner = or();
            if (!symbol(")")) {
                throw error("missing ')'");
            }
            return inner;
        }
        String[] path = alias.apply(path());
        boolean not = keyword("not");
        if (keyword("like")) {
            String pattern = String.valueOf(literal());
            return n -> not != matches(n, path, v -> Values.like(v, pattern));
        }
        if (keyword("contains")) {
            String part = String.valueOf(literal()).toLowerCase(Locale.ROOT);
            return n -> not != matches(n, path, v -> v.toLowerCase(Locale.ROOT).contains(part));
        }
        if (keyword("in")) {
            if (!symbol("(")) {
                throw error("expected '(' after in");
            }
            List<Object> options = new ArrayList<>();
            do {
                options.add(literal());
            } while (symbol(","));
            if (!symbol(")")) {
                throw error("missing ')' after in list");
            }
            return n -> not != options.stream().anyMatch(o -> equal(Json.path(n, path), o));
        }
        if (not) {
            throw error("not must be followed by like, contains or in");
        }
        String op = symbol("!=") ? "!=" : symbol("<=") ? "<=" : symbol(">=") ? ">=" : symbol("=") ? "="
                : symbol("<") ? "<" : symbol(">") ? ">" : keyword("eq") ? "=" : null;
        if (op == null) {
            throw error("expected an operator");
        }
        Object lit = literal();
        return switch (op) {
            case "=" -> n -> equal(Json.path(n, path), lit);
            case "!=" -> n -> !equal(Json.path(n, path), lit);
            default -> n -> {
                int c = Values.compare(Json.path(n, path), lit == NULL ? null : lit);
                if (c == Integer.MIN_VALUE) {
                    return false;
                }
                return switch (op) {
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case ">" -> c > 0;
                    default -> c >= 0;
                };
            };
        };
    }

    private static boolean matches(JsonNode n, String[] path, Predicate<String> test) {
        String v = Values.text(Json.path(n, path));
        return v != null && test.test(v);
    }

    private static boolean equal(JsonNode stored, Object lit) {
        if (lit == NULL) {
            return Values.isNull(stored);
        }
        return Values.compare(stored, lit) == 0;
    }

    private String[] path() {
        skipWs();
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_'
                || src.charAt(pos) == separator)) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a field name");
        }
        return src.substring(start, pos).split(separator == '.' ? "\\." : "/");
    }

    private Object literal() {
        skipWs();
        if (pos >= src.length()) {
            throw error("expected a value");
        }
        char c = src.charAt(pos);
        if (c == '"' || c == '\'') {
            int end = src.indexOf(c, pos + 1);
            if (end < 0) {
                throw error("unterminated string");
            }
            String s = src.substring(pos + 1, end);
            pos = end + 1;
            return s;
        }
        if (c == '[') {
            int end = src.indexOf(']', pos);
            if (end < 0) {
                throw error("unterminated date");
            }
            String s = src.substring(pos + 1, end).trim();
            pos = end + 1;
            return date(s);
        }
        int start = pos;
        while (pos < src.length() && !Character.isWhitespace(src.charAt(pos)) && src.charAt(pos) != ')'
                && src.charAt(pos) != ',') {
            pos++;
        }
        String word = src.substring(start, pos);
        if (word.equalsIgnoreCase("null")) {
            return NULL;
        }
        if (word.equalsIgnoreCase("true") || word.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(word);
        }
        if (word.matches("-?\\d+(\\.\\d+)?")) {
            return new BigDecimal(word);
        }
        if (separator == '.' && word.matches("\\d{4}-\\d{2}-\\d{2}.*")) {
            return date(word);
        }
        pos = start;
        throw error("cannot read value '" + word + "'");
    }

    private Instant date(String s) {
        try {
            return s.length() == 10 ? Instant.parse(s + "T00:00:00Z") : OffsetDateTime.parse(s.endsWith("Z")
                    || s.matches(".*[+-]\\d{2}:\\d{2}$") ? s : s + "Z").toInstant();
        } catch (RuntimeException e) {
            throw error("invalid date '" + s + "'");
        }
    }
}
