package io.timeflow.agent.sql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * SQL Server through Microsoft's JDBC driver: one connection URL per instance, the login from the
 * agent's configuration (its password is never logged). Every statement is in {@link SqlServerQueries}.
 */
public final class JdbcSqlServer implements SqlServer {

    private final Map<String, String> urls;
    private final String user;
    private final String password;

    public JdbcSqlServer(Map<String, String> urls, String user, String password) {
        this.urls = Map.copyOf(urls);
        this.user = user;
        this.password = password;
    }

    @Override
    public Optional<DatabaseRow> database(String instance, String name) throws SqlServerException {
        try (Connection c = connect(instance); PreparedStatement s = c.prepareStatement(SqlServerQueries.DATABASE)) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(SqlServerQueries.database(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("reading sys.databases", instance, e);
        }
    }

    @Override
    public List<FileRow> files(String instance, String database) throws SqlServerException {
        try (Connection c = connect(instance); PreparedStatement s = c.prepareStatement(SqlServerQueries.FILES)) {
            s.setString(1, database);
            try (ResultSet rs = s.executeQuery()) {
                return SqlServerQueries.files(rs);
            }
        } catch (SQLException e) {
            throw failure("reading sys.master_files", instance, e);
        }
    }

    @Override
    public List<RestoreRow> restoresInto(String instance, String database, int afterHistoryId) throws SqlServerException {
        try (Connection c = connect(instance); PreparedStatement s = c.prepareStatement(SqlServerQueries.RESTORES)) {
            s.setString(1, database);
            s.setInt(2, afterHistoryId);
            try (ResultSet rs = s.executeQuery()) {
                return SqlServerQueries.restores(rs);
            }
        } catch (SQLException e) {
            throw failure("reading msdb's restore history", instance, e);
        }
    }

    @Override
    public AttachOutcome attach(String instance, AttachRequest r) throws SqlServerException {
        Optional<DatabaseRow> existing = database(instance, r.database());
        if (existing.isPresent()) {
            List<String> files = files(instance, r.database()).stream().map(FileRow::physicalName).toList();
            boolean ours = !files.isEmpty() && files.stream().allMatch(f -> f.toLowerCase(java.util.Locale.ROOT)
                    .startsWith(r.mountDirectory().toLowerCase(java.util.Locale.ROOT)));
            return ours ? new AttachOutcome(true, null, files)
                    : new AttachOutcome(false, "a database named " + r.database() + " exists on the instance and is not "
                            + "managed by Timeflow (its files are not on the dSource's mount)", files);
        }
        List<String> onMount = new ArrayList<>();
        for (String name : r.fileNames()) {
            String path = r.mountDirectory() + r.separator() + name;
            if (Files.exists(Path.of(path))) {
                onMount.add(path);
            }
        }
        try (Connection c = connect(instance); Statement s = c.createStatement()) {
            if (!onMount.isEmpty()) {
                s.execute(SqlServerQueries.attachFromFiles(r.database(), onMount));
            } else {
                s.execute(SqlServerQueries.createEmpty(r.database(), r.mountDirectory(), r.separator()));
                if ("RESTORING".equals(r.mode())) {
                    int cut = r.mountDirectory().lastIndexOf(r.separator());
                    String backup = (cut > 0 ? r.mountDirectory().substring(0, cut) : r.mountDirectory())
                            + r.separator() + r.database() + "_empty.bak";
                    for (String statement : SqlServerQueries.leaveRestoring(r.database(), backup)) {
                        s.execute(statement);
                    }
                }
            }
        } catch (SQLException e) {
            return new AttachOutcome(false, "SQL Server refused the attach: Msg " + e.getErrorCode() + ": "
                    + e.getMessage(), List.of());
        }
        return new AttachOutcome(true, null, files(instance, r.database()).stream().map(FileRow::physicalName).toList());
    }

    @Override
    public String describe() {
        return "SQL Server through JDBC (" + String.join(", ", urls.keySet()) + ")";
    }

    private Connection connect(String instance) throws SQLException {
        String url = urls.get(instance);
        if (url == null) {
            throw new SQLException("no JDBC URL is configured for instance " + instance);
        }
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("applicationName", "timeflow-agent");
        return DriverManager.getConnection(url, p);
    }

    private static SqlServerException failure(String what, String instance, SQLException e) {
        return new SqlServerException(what + " on instance " + instance + " failed: " + e.getMessage(), e);
    }
}
