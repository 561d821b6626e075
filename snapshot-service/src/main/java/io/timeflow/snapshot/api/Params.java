package io.timeflow.snapshot.api;

import io.timeflow.platform.problem.ProblemException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * Query parameters read by hand, so that a malformed one is a 400 naming it (JAX-RS would answer
 * 404 for a query parameter it cannot convert).
 */
final class Params {

    private Params() {
    }

    static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "must be a UUID");
        }
    }

    static <E extends Enum<E>> E choice(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
