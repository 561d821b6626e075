package io.timeflow.staging.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Where a dSource's staging database files live: the mount's DB directory, assigned by the service
 * as {@code <connector path>\<engine id>-Staging-<container id>\DATA\DB} on a WINDOWS staging host
 * and {@code <connector path>/<engine id>-Staging-<container id>/DATA/DB} on a LINUX one (see ADR
 * 0010). Database files must lie directly in that directory: a sub-directory is not supported.
 *
 * @param osType      the staging host's operating system, which decides separators and case rules
 * @param dbDirectory the mount's DB directory, without a trailing separator
 */
public record StagingMount(Environment.OsType osType, String dbDirectory) {

    /** Assigns the mount of container {@code containerId} of engine {@code engineId} under the connector path. */
    public static StagingMount assign(Environment.OsType osType, String connectorPath, UUID engineId, long containerId) {
        if (containerId < 1) {
            throw new IllegalArgumentException("container ids start at 1");
        }
        char sep = separator(osType);
        String base = trimTrailingSeparators(normalise(osType, connectorPath.trim()));
        String container = engineId + "-Staging-" + containerId;
        return new StagingMount(osType, base + sep + container + sep + "DATA" + sep + "DB");
    }

    /** The same container (so the same files) under another connector path, as an attach to another host needs. */
    public StagingMount movedTo(Environment.OsType newOsType, String connectorPath) {
        String dir = normalise(osType, dbDirectory);
        char sep = separator(osType);
        // <base><sep><container><sep>DATA<sep>DB: the container is the third segment from the end
        String[] parts = dir.split(java.util.regex.Pattern.quote(String.valueOf(sep)));
        String container = parts[parts.length - 3];
        char newSep = separator(newOsType);
        String base = trimTrailingSeparators(normalise(newOsType, connectorPath.trim()));
        return new StagingMount(newOsType, base + newSep + container + newSep + "DATA" + newSep + "DB");
    }

    /** Whether {@code file} lies directly in the DB directory (not in a sub-directory, not elsewhere). */
    public boolean holdsDirectly(String file) {
        if (file == null || file.isBlank()) {
            return false;
        }
        char sep = separator(osType);
        String path = collapse(normalise(osType, file.trim()), sep);
        int last = path.lastIndexOf(sep);
        if (last < 0 || last == path.length() - 1) {
            return false;
        }
        String parent = path.substring(0, last);
        String name = path.substring(last + 1);
        if (name.equals(".") || name.equals("..")) {
            return false;
        }
        for (String segment : parent.split(java.util.regex.Pattern.quote(String.valueOf(sep)))) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        String dir = collapse(normalise(osType, dbDirectory), sep);
        return osType == Environment.OsType.WINDOWS
                ? parent.toLowerCase(Locale.ROOT).equals(dir.toLowerCase(Locale.ROOT))
                : parent.equals(dir);
    }

    /** The files that do not lie directly in the DB directory, in the order given. */
    public List<String> filesOutside(List<String> files) {
        List<String> outside = new ArrayList<>();
        for (String f : files) {
            if (!holdsDirectly(f)) {
                outside.add(f);
            }
        }
        return outside;
    }

    /**
     * The files that lie in a sub-directory of the DB directory (the layout staging push does not
     * support), in the order given; files elsewhere (another database's) are not among them.
     */
    public List<String> filesInSubdirectories(List<String> files) {
        char sep = separator(osType);
        String dir = collapse(normalise(osType, dbDirectory), sep) + sep;
        boolean windows = osType == Environment.OsType.WINDOWS;
        String prefix = windows ? dir.toLowerCase(Locale.ROOT) : dir;
        List<String> inside = new ArrayList<>();
        for (String f : files) {
            if (f == null || f.isBlank()) {
                continue;
            }
            String p = collapse(normalise(osType, f.trim()), sep);
            if ((windows ? p.toLowerCase(Locale.ROOT) : p).startsWith(prefix) && !holdsDirectly(f)) {
                inside.add(f);
            }
        }
        return inside;
    }

    private static char separator(Environment.OsType osType) {
        return osType == Environment.OsType.WINDOWS ? '\\' : '/';
    }

    /** Windows accepts both separators; SQL Server reports backslashes. */
    private static String normalise(Environment.OsType osType, String path) {
        return osType == Environment.OsType.WINDOWS ? path.replace('/', '\\') : path;
    }

    /** Repeated separators count as one (but a UNC path keeps its leading two). */
    private static String collapse(String path, char sep) {
        String doubled = "" + sep + sep;
        String prefix = "";
        String rest = path;
        if (sep == '\\' && path.startsWith(doubled)) {
            prefix = doubled;
            rest = path.substring(2);
        }
        while (rest.contains(doubled)) {
            rest = rest.replace(doubled, String.valueOf(sep));
        }
        return prefix + rest;
    }

    private static String trimTrailingSeparators(String path) {
        String p = path;
        while (p.length() > 1 && (p.endsWith("\\") || p.endsWith("/"))) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
