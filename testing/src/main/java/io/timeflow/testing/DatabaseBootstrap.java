package io.timeflow.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * Creates the Timeflow database, one schema and one login role per service, as an administrator
 * would before the first deployment (the Helm chart documents the same statements). Each service's
 * role owns its schema and finds it first on its search path; it can touch no other schema.
 * backup-service's role is a member of the three others, so it can read every schema for a backup
 * and rebuild them on a restore, and may create the schemas a restore loads beside the live ones.
 * Safe to run again: it creates what is missing and resets the passwords.
 */
public final class DatabaseBootstrap {

    public static final String DATABASE = "timeflow";

    /** The services' schemas, each owned by the role {@code timeflow_<schema>}. */
    public static final List<String> SCHEMAS = List.of("staging", "snapshot", "plugin", "backup");

    private DatabaseBootstrap() {
    }

    public static String roleOf(String schema) {
        return "timeflow_" + schema;
    }

    /**
     * @param host      database host
     * @param port      database port
     * @param superuser an administrator role (e.g. postgres)
     * @param superPassword its password, or null
     * @param passwords password per schema's role
     */
    public static void apply(String host, int port, String superuser, String superPassword,
            Map<String, String> passwords) throws SQLException {
        String admin = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, superuser, superPassword);
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    s.execute("create database " + DATABASE);
                }
            }
            for (String schema : SCHEMAS) {
                String role = roleOf(schema);
                try (ResultSet rs = s.executeQuery("select 1 from pg_roles where rolname = '" + role + "'")) {
                    boolean exists = rs.next();
                    rs.close();
                    if (!exists) {
                        s.execute("create role " + role + " login");
                    }
                }
                s.execute("alter role " + role + " with login password " + literal(passwords.get(schema)));
            }
        }
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + DATABASE;
        try (Connection c = DriverManager.getConnection(url, superuser, superPassword);
                Statement s = c.createStatement()) {
            s.execute("revoke all on schema public from public");
            s.execute("revoke create, temporary on database " + DATABASE + " from public");
            for (String schema : SCHEMAS) {
                String role = roleOf(schema);
                s.execute("create schema if not exists " + schema + " authorization " + role);
                s.execute("alter role " + role + " in database " + DATABASE + " set search_path = " + schema);
                s.execute("grant connect on database " + DATABASE + " to " + role);
            }
            String backup = roleOf("backup");
            for (String schema : SCHEMAS) {
                if (!schema.equals("backup")) {
                    s.execute("grant " + roleOf(schema) + " to " + backup);
                }
            }
            s.execute("grant create, temporary on database " + DATABASE + " to " + backup);
        }
    }

    private static String literal(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a password is required for every role");
        }
        return "'" + value.replace("'", "''") + "'";
    }
}
