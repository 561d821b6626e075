package io.timeflow.plugin.domain;

import java.util.Objects;

/**
 * The id of a data migration, as plugins declare it: one or more integers separated by periods
 * ({@code "2019.11.20"}). Ids are compared numerically, part by part ({@code 1 < 2 < 10},
 * {@code 1.9 < 1.10}), and {@code "1.2"}, {@code "01.02"} and {@code "1.2.0"} are the same id. The
 * spelling the plugin used is kept for messages; equality and order ignore it.
 */
public final class MigrationId implements Comparable<MigrationId> {

    private final String spelling;
    private final DottedNumber number;

    private MigrationId(String spelling, DottedNumber number) {
        this.spelling = spelling;
        this.number = number;
    }

    /** Thrown for text that is not a migration id; the message says why, quoting the id (ids are not secrets). */
    public static final class InvalidMigrationIdException extends IllegalArgumentException {
        private final String reason;

        InvalidMigrationIdException(String text, String reason) {
            super("migration id \"" + text + "\" " + reason);
            this.reason = reason;
        }

        /** Why the text is not an id, without the text. */
        public String reason() {
            return reason;
        }
    }

    /**
     * Parses a migration id.
     *
     * @throws InvalidMigrationIdException when the text is not one or more integers separated by periods
     */
    public static MigrationId parse(String text) {
        Objects.requireNonNull(text, "text");
        StringBuilder reason = new StringBuilder();
        DottedNumber number = DottedNumber.parse(text, reason)
                .orElseThrow(() -> new InvalidMigrationIdException(text, reason
                        + " (a migration id is one or more integers separated by periods, such as 2019.11.20)"));
        return new MigrationId(text, number);
    }

    /** How the plugin wrote it, e.g. {@code "01.02"}. */
    public String spelling() {
        return spelling;
    }

    /** The normal form, e.g. {@code "1.2"} for {@code "01.02.0"}. */
    public String canonical() {
        return number.canonical();
    }

    /** Whether both name the same migration ({@code "1.2"} and {@code "01.02"} do). */
    public boolean sameIdAs(MigrationId other) {
        return number.equals(other.number);
    }

    @Override
    public int compareTo(MigrationId other) {
        return number.compareTo(other.number);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MigrationId other && number.equals(other.number);
    }

    @Override
    public int hashCode() {
        return number.hashCode();
    }

    @Override
    public String toString() {
        return spelling;
    }
}
