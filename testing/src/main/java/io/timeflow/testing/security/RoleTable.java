package io.timeflow.testing.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operation × role table of one service, read from {@code docs/security.md} (the section headed
 * {@code ### <service>}), so the documentation and the role checks of the code cannot drift apart.
 * A row reads {@code | `METHOD` | `/path/{param}` | least role | notes |}.
 */
public final class RoleTable {

    /** One operation and the least role that may call it. */
    public record Row(String method, String path, String leastRole) {
        public String operation() {
            return method + " " + path;
        }
    }

    private static final Pattern ROW = Pattern.compile(
            "^\\|\\s*`(GET|POST|PUT|PATCH|DELETE)`\\s*\\|\\s*`([^`]+)`\\s*\\|\\s*([a-z-]+)\\s*\\|.*$");

    private final String service;
    private final Map<String, Row> rows;

    private RoleTable(String service, Map<String, Row> rows) {
        this.service = service;
        this.rows = rows;
    }

    /** The table of {@code service} in the repository's {@code docs/security.md}, found from the module directory. */
    public static RoleTable of(String service) {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Path doc = dir.resolve("docs/security.md");
            if (Files.isRegularFile(doc)) {
                try {
                    return parse(service, Files.readString(doc));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("docs/security.md not found above " + here);
    }

    /** Parses the rows of the section {@code ### <service>} of a security document. */
    public static RoleTable parse(String service, String markdown) {
        Map<String, Row> rows = new LinkedHashMap<>();
        boolean inSection = false;
        boolean found = false;
        for (String line : markdown.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                inSection = trimmed.equals("### " + service);
                found |= inSection;
                continue;
            }
            if (!inSection) {
                continue;
            }
            Matcher m = ROW.matcher(trimmed);
            if (m.matches()) {
                Row row = new Row(m.group(1), m.group(2), m.group(3));
                if (rows.put(row.operation(), row) != null) {
                    throw new IllegalStateException(service + ": " + row.operation() + " appears twice in the role table");
                }
            }
        }
        if (!found) {
            throw new IllegalStateException("no section '### " + service + "' in the security document");
        }
        return new RoleTable(service, rows);
    }

    public String service() {
        return service;
    }

    public List<Row> rows() {
        return new ArrayList<>(rows.values());
    }

    public Row row(String method, String path) {
        return rows.get(method + " " + path);
    }
}
