package io.timeflow.agent.sql;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Every statement the agent sends to SQL Server, and the reading of their results. The readers take a
 * {@link ResultSet} whose columns are named and typed as the system views document them (tested against
 * result sets shaped exactly so, since no SQL Server runs where Timeflow is built).
 */
public final class SqlServerQueries {

    private SqlServerQueries() {
    }

    /** sys.databases: one row per database. Parameter: the database name. */
    public static final String DATABASE = """
            SELECT name, database_id, state_desc, is_read_only, is_in_standby
            FROM sys.databases
            WHERE name = ?""";

    /** sys.master_files: the files of one database, primary data file first. Parameter: the database name. */
    public static final String FILES = """
            SELECT name, type_desc, physical_name, state_desc
            FROM sys.master_files
            WHERE database_id = DB_ID(?)
            ORDER BY file_id""";

    /**
     * The restores into one database after a restore_history_id, oldest first: restorehistory joined to
     * backupset, with the first media family's device (the backup file). Restores made by hand in SSMS
     * are recorded there as well as those of hook scripts. Parameters: database name, restore_history_id.
     */
    public static final String RESTORES = """
            SELECT r.restore_history_id, r.restore_date, r.destination_database_name, r.restore_type,
                   r.[replace], r.[recovery],
                   b.backup_set_id, b.type, b.first_lsn, b.last_lsn, b.checkpoint_lsn, b.database_backup_lsn,
                   b.last_recovery_fork_guid, b.is_readonly, b.backup_start_date, b.backup_finish_date, b.time_zone,
                   f.physical_device_name
            FROM msdb.dbo.restorehistory r
            JOIN msdb.dbo.backupset b ON b.backup_set_id = r.backup_set_id
            LEFT JOIN msdb.dbo.backupmediafamily f ON f.media_set_id = b.media_set_id AND f.family_sequence_number = 1
            WHERE r.destination_database_name = ? AND r.restore_history_id > ?
            ORDER BY r.restore_history_id""";

    /** Attaches a database from files already on the mount (a relink, or an enable after a detach). */
    public static String attachFromFiles(String database, List<String> files) {
        StringBuilder sql = new StringBuilder("CREATE DATABASE ").append(identifier(database)).append(" ON ");
        for (int i = 0; i < files.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(FILENAME = ").append(literal(files.get(i))).append(')');
        }
        return sql.append(" FOR ATTACH").toString();
    }

    /** Creates the empty staging database with its two files directly in the mount's DB directory. */
    public static String createEmpty(String database, String mountDirectory, char separator) {
        String dir = mountDirectory.endsWith(String.valueOf(separator)) ? mountDirectory : mountDirectory + separator;
        return "CREATE DATABASE " + identifier(database)
                + " ON PRIMARY (NAME = " + identifier(database) + ", FILENAME = " + literal(dir + database + ".mdf") + ")"
                + " LOG ON (NAME = " + identifier(database + "_log") + ", FILENAME = "
                + literal(dir + database + "_log.ldf") + ")";
    }

    /**
     * After {@link #createEmpty}, a RESTORING-mode staging database is put in the RESTORING state: a full
     * backup of the empty database is restored over it WITH REPLACE, NORECOVERY (the backup file sits
     * beside the mount's DB directory, not in it).
     */
    public static List<String> leaveRestoring(String database, String backupFile) {
        return List.of(
                "BACKUP DATABASE " + identifier(database) + " TO DISK = " + literal(backupFile) + " WITH INIT, COPY_ONLY",
                "RESTORE DATABASE " + identifier(database) + " FROM DISK = " + literal(backupFile)
                        + " WITH REPLACE, NORECOVERY");
    }

    // ---- readers

    public static DatabaseRow database(ResultSet rs) throws SQLException {
        return new DatabaseRow(rs.getString("name"), rs.getInt("database_id"), rs.getString("state_desc"),
                rs.getBoolean("is_read_only"), rs.getBoolean("is_in_standby"));
    }

    public static List<FileRow> files(ResultSet rs) throws SQLException {
        List<FileRow> files = new ArrayList<>();
        while (rs.next()) {
            files.add(new FileRow(rs.getString("name"), rs.getString("type_desc"), rs.getString("physical_name"),
                    rs.getString("state_desc")));
        }
        return files;
    }

    public static List<RestoreRow> restores(ResultSet rs) throws SQLException {
        List<RestoreRow> rows = new ArrayList<>();
        while (rs.next()) {
            rows.add(new RestoreRow(
                    rs.getInt("restore_history_id"),
                    local(rs.getTimestamp("restore_date")),
                    rs.getString("destination_database_name"),
                    trimmed(rs.getString("restore_type")),
                    bit(rs, "replace"),
                    bit(rs, "recovery"),
                    rs.getInt("backup_set_id"),
                    trimmed(rs.getString("type")),
                    rs.getBigDecimal("first_lsn"),
                    rs.getBigDecimal("last_lsn"),
                    rs.getBigDecimal("checkpoint_lsn"),
                    rs.getBigDecimal("database_backup_lsn"),
                    lower(rs.getString("last_recovery_fork_guid")),
                    bit(rs, "is_readonly"),
                    local(rs.getTimestamp("backup_start_date")),
                    local(rs.getTimestamp("backup_finish_date")),
                    smallint(rs, "time_zone"),
                    rs.getString("physical_device_name")));
        }
        return rows;
    }

    /** A SQL Server identifier in brackets, a closing bracket doubled. */
    public static String identifier(String name) {
        return "[" + name.replace("]", "]]") + "]";
    }

    /** A Unicode string literal, quotes doubled. */
    public static String literal(String value) {
        return "N'" + value.replace("'", "''") + "'";
    }

    /** An LSN as Timeflow carries it: decimal digits, no scale. */
    public static String lsn(BigDecimal value) {
        return value == null ? null : value.toBigIntegerExact().toString();
    }

    private static Boolean bit(ResultSet rs, String column) throws SQLException {
        boolean v = rs.getBoolean(column);
        return rs.wasNull() ? null : v;
    }

    private static Short smallint(ResultSet rs, String column) throws SQLException {
        short v = rs.getShort(column);
        return rs.wasNull() ? null : v;
    }

    private static LocalDateTime local(Timestamp t) {
        return t == null ? null : t.toLocalDateTime();
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }

    private static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
