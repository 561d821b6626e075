package io.timeflow.plugin.domain;

import java.util.Objects;

/**
 * A plugin's build number, as its config declares it ({@code buildNumber: "1.2.0"}): integers
 * separated by periods, compared numerically like migration ids. An upgrade must increase it.
 */
public final class BuildNumber implements Comparable<BuildNumber> {

    private final String spelling;
    private final DottedNumber number;

    private BuildNumber(String spelling, DottedNumber number) {
        this.spelling = spelling;
        this.number = number;
    }

    /**
     * Parses a build number.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static BuildNumber parse(String text) {
        Objects.requireNonNull(text, "text");
        StringBuilder reason = new StringBuilder();
        DottedNumber number = DottedNumber.parse(text, reason)
                .orElseThrow(() -> new IllegalArgumentException("build number \"" + text + "\" " + reason
                        + " (a build number is one or more integers separated by periods, such as 1.4.0)"));
        return new BuildNumber(text, number);
    }

    public String spelling() {
        return spelling;
    }

    public String canonical() {
        return number.canonical();
    }

    /** Whether this build number is greater than {@code other}. */
    public boolean isAfter(BuildNumber other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(BuildNumber other) {
        return number.compareTo(other.number);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BuildNumber other && number.equals(other.number);
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
