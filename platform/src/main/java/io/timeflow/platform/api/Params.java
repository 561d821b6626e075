package io.timeflow.platform.api;

import io.timeflow.platform.problem.ProblemException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * Query parameters read by hand rather than by JAX-RS converters, so that a malformed value is a 400
 * naming the parameter (a failed conversion would otherwise be a bare 404). Every method takes the
 * parameter's name first, then its value; an absent or blank value is {@code null} (no filter).
 */
public final class Params {

    private Params() {
    }

    /** A UUID, or a 400 {@code <name> must be a UUID}. */
    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "must be a UUID");
        }
    }

    /** One of the enum's constants spelled exactly as it is, or a 400 listing them. */
    public static <E extends Enum<E>> E choice(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw notOneOf(name, type);
        }
    }

    /** One of the enum's constants in any letter case ({@code skipped} is {@code SKIPPED}), or a 400 listing them. */
    public static <E extends Enum<E>> E choiceIgnoringCase(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return choice(name, value.trim().toUpperCase(Locale.ROOT), type);
    }

    private static ProblemException notOneOf(String name, Class<? extends Enum<?>> type) {
        return ProblemException.invalid(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
    }
}
