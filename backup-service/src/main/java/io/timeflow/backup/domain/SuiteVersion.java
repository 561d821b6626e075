package io.timeflow.backup.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A suite version such as {@code 0.2.0} or {@code 0.2.0-SNAPSHOT}, ordered numerically part by
 * part ({@code 0.10.0 > 0.9.0}); missing parts count as 0; a version with a qualifier comes before
 * the same version without one.
 */
public record SuiteVersion(List<Integer> parts, String qualifier) implements Comparable<SuiteVersion> {

    private static final Pattern FORM = Pattern.compile("([0-9]+(?:\\.[0-9]+)*)(?:[-+.]?([A-Za-z0-9.+-]*))?");

    public static SuiteVersion parse(String version) {
        if (version == null) {
            throw new IllegalArgumentException("no version");
        }
        Matcher m = FORM.matcher(version.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a version: " + version);
        }
        List<Integer> parts = new ArrayList<>();
        for (String p : m.group(1).split("\\.")) {
            parts.add(Integer.parseInt(p));
        }
        String qualifier = m.group(2) == null ? "" : m.group(2);
        return new SuiteVersion(List.copyOf(parts), qualifier);
    }

    @Override
    public int compareTo(SuiteVersion o) {
        int n = Math.max(parts.size(), o.parts.size());
        for (int i = 0; i < n; i++) {
            int a = i < parts.size() ? parts.get(i) : 0;
            int b = i < o.parts.size() ? o.parts.get(i) : 0;
            if (a != b) {
                return Integer.compare(a, b);
            }
        }
        if (qualifier.isEmpty() != o.qualifier.isEmpty()) {
            return qualifier.isEmpty() ? 1 : -1;
        }
        return qualifier.compareTo(o.qualifier);
    }

    public boolean isNewerThan(SuiteVersion o) {
        return compareTo(o) > 0;
    }
}
