package io.timeflow.staging.api;

import io.timeflow.platform.problem.ProblemException;
import java.util.Arrays;
import java.util.UUID;

/**
 * Query parameters are read here rather than by JAX-RS converters, so that a bad value is a 400
 * naming the parameter (a failed conversion would otherwise be a bare 404).
 */
final class Params {

    private Params() {
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value.trim())) {
                return e;
            }
        }
        throw ProblemException.invalid(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
    }

    static UUID uuid(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "must be a UUID");
        }
    }

    static Boolean bool(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.invalid(name, "must be true or false");
        };
    }
}
