package com.paperlink.stub.web;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a JSON object body field by field; every problem becomes a 400 {@code validation_failed}
 * naming the field. Bodies are read as maps so a PATCH can tell "absent" from "sent".
 */
public final class Fields {

    private final Map<String, Object> body;

    private Fields(Map<String, Object> body) {
        this.body = body;
    }

    /** Accepts only the named fields; anything else (ids, timestamps, typos) is refused by name. */
    public static Fields of(@Nullable Map<String, Object> body, Set<String> writable) {
        if (body == null) {
            throw StubException.invalid("body", "must be a JSON object");
        }
        for (String name : body.keySet()) {
            if (!writable.contains(name)) {
                throw StubException.invalid(name, "is not a writable field");
            }
        }
        return new Fields(body);
    }

    public boolean has(String name) {
        return body.containsKey(name);
    }

    public String text(String name, int maxLength, @Nullable Pattern pattern, String patternRule) {
        if (!(body.get(name) instanceof String value)) {
            throw StubException.invalid(name, body.get(name) == null ? "is required" : "must be a string");
        }
        String trimmed = value.trim();
        if (trimmed.isEmpty() || trimmed.length() > maxLength) {
            throw StubException.invalid(name, "must be 1-" + maxLength + " characters");
        }
        if (pattern != null && !pattern.matcher(trimmed).matches()) {
            throw StubException.invalid(name, patternRule);
        }
        return trimmed;
    }

    public String oneOf(String name, Set<String> allowed) {
        Object value = body.get(name);
        if (!(value instanceof String text) || !allowed.contains(text)) {
            throw StubException.invalid(name, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return text;
    }

    /** A money amount given as a JSON number or a decimal string, at most two decimals, never negative. */
    public BigDecimal amount(String name) {
        Object value = body.get(name);
        BigDecimal amount;
        try {
            if (value instanceof Number number) {
                amount = new BigDecimal(number.toString());
            } else if (value instanceof String text && text.trim().length() <= 20) {
                amount = new BigDecimal(text.trim());
            } else {
                throw StubException.invalid(name, value == null ? "is required" : "must be a decimal number or string");
            }
        } catch (NumberFormatException e) {
            throw StubException.invalid(name, "must be a decimal number such as \"19.99\"");
        }
        if (amount.signum() < 0 || amount.scale() > 2 || amount.compareTo(new BigDecimal("1000000000")) >= 0) {
            throw StubException.invalid(name, "must be between 0 and 999999999.99 with at most two decimals");
        }
        return amount.setScale(2);
    }

    public int integer(String name, int min, int max) {
        Object value = body.get(name);
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && number.doubleValue() >= min && number.doubleValue() <= max) {
            return number.intValue();
        }
        throw StubException.invalid(name, "must be a whole number between " + min + " and " + max);
    }

    public List<String> strings(String name, int maxItems) {
        if (!(body.get(name) instanceof List<?> list)) {
            throw StubException.invalid(name, "must be an array of strings");
        }
        if (list.size() > maxItems) {
            throw StubException.invalid(name, "may hold at most " + maxItems + " items");
        }
        List<String> strings = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String text) || text.isBlank() || text.length() > 64) {
                throw StubException.invalid(name, "must be an array of ids");
            }
            if (!strings.contains(text)) {
                strings.add(text);
            }
        }
        return List.copyOf(strings);
    }
}
