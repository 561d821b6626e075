package io.timeflow.plugin.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One or more non-negative decimal integers separated by periods, compared numerically part by part
 * ({@code 1 < 2 < 10}, {@code 1.9 < 1.10}), never as text or as a float. Leading zeros of a part and
 * trailing zero parts do not count: {@code "1.2"}, {@code "01.02"} and {@code "1.2.0"} are equal. Parts
 * may be arbitrarily long (they are kept as digit strings, never parsed into a fixed-size integer).
 * The shape shared by migration ids and build numbers.
 */
final class DottedNumber implements Comparable<DottedNumber> {

    /** Longer spellings are refused: no real id needs them, and they would only cost memory. */
    static final int MAX_LENGTH = 100;

    /** The parts with leading zeros removed ("0" for zero) and trailing zero parts dropped. */
    private final String[] parts;

    private DottedNumber(String[] parts) {
        this.parts = parts;
    }

    /**
     * Parses the text, or says why it is not a dotted number.
     *
     * @return the number, or empty with {@code reason} filled in
     */
    static Optional<DottedNumber> parse(String text, StringBuilder reason) {
        if (text == null || text.isEmpty()) {
            reason.append("is empty");
            return Optional.empty();
        }
        if (text.length() > MAX_LENGTH) {
            reason.append("is longer than ").append(MAX_LENGTH).append(" characters");
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '.') {
                if (i == start) {
                    reason.append("has an empty part (two periods in a row, or a period at the start or end)");
                    return Optional.empty();
                }
                parts.add(stripLeadingZeros(text.substring(start, i)));
                start = i + 1;
            } else {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    reason.append("may contain only digits and periods");
                    return Optional.empty();
                }
            }
        }
        int size = parts.size();
        while (size > 0 && parts.get(size - 1).equals("0")) {
            size--;
        }
        if (size == 0) {
            reason.append("must not be zero");
            return Optional.empty();
        }
        return Optional.of(new DottedNumber(parts.subList(0, size).toArray(String[]::new)));
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    /** The normal spelling: no leading zeros, no trailing zero parts ({@code "01.02.0"} is {@code "1.2"}). */
    String canonical() {
        return String.join(".", parts);
    }

    @Override
    public int compareTo(DottedNumber other) {
        int n = Math.max(parts.length, other.parts.length);
        for (int i = 0; i < n; i++) {
            String a = i < parts.length ? parts[i] : "0";
            String b = i < other.parts.length ? other.parts[i] : "0";
            int c = compareDigits(a, b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Compares two digit strings without leading zeros as the numbers they spell. */
    private static int compareDigits(String a, String b) {
        if (a.length() != b.length()) {
            return Integer.compare(a.length(), b.length());
        }
        return a.compareTo(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DottedNumber other && Arrays.equals(parts, other.parts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(parts);
    }

    @Override
    public String toString() {
        return canonical();
    }
}
