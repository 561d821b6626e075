package io.timeflow.backup.engine;

import java.util.List;
import java.util.stream.Collectors;

/** Quoting of SQL identifiers built from catalogue names. */
public final class Sql {

    private Sql() {
    }

    public static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    public static String qualified(String schema, String table) {
        return ident(schema) + "." + ident(table);
    }

    public static String columns(List<String> columns) {
        return columns.stream().map(Sql::ident).collect(Collectors.joining(", "));
    }
}
