package io.timeflow.agent.sql;

import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetMetaDataImpl;
import javax.sql.rowset.RowSetProvider;

/**
 * Result sets shaped exactly as SQL Server's system views answer the agent's queries: the same column
 * names, in the same order, with the JDBC types Microsoft's driver reports for the documented SQL types
 * (int → INTEGER, tinyint → TINYINT, smallint → SMALLINT, bit → BIT, sysname and nvarchar(n) → NVARCHAR,
 * char(1) → CHAR, numeric(25,0) → NUMERIC, datetime → TIMESTAMP, uniqueidentifier → CHAR as the driver
 * reports it). Sources of the columns (Microsoft's Transact-SQL reference):
 * <ul>
 *   <li>sys.databases (Transact-SQL): name sysname, database_id int, state_desc nvarchar(60),
 *       is_read_only bit, is_in_standby bit;</li>
 *   <li>sys.master_files (Transact-SQL): name sysname, type_desc nvarchar(60), physical_name nvarchar(260),
 *       state_desc nvarchar(60);</li>
 *   <li>restorehistory (Transact-SQL): restore_history_id int, restore_date datetime (nullable),
 *       destination_database_name nvarchar(128) (nullable), restore_type char(1) (nullable), replace bit
 *       (nullable), recovery bit (nullable);</li>
 *   <li>backupset (Transact-SQL): backup_set_id int, type char(1), first_lsn, last_lsn, checkpoint_lsn,
 *       database_backup_lsn numeric(25,0) (nullable), last_recovery_fork_guid uniqueidentifier, is_readonly bit,
 *       backup_start_date, backup_finish_date datetime, time_zone smallint (15-minute steps, 127 unknown);</li>
 *   <li>backupmediafamily (Transact-SQL): physical_device_name nvarchar(260) (nullable).</li>
 * </ul>
 */
final class ShapedResultSets {

    record Column(String name, int type, String typeName, int precision, int scale, boolean nullable) {
    }

    static final List<Column> SYS_DATABASES = List.of(
            new Column("name", Types.NVARCHAR, "nvarchar", 128, 0, false),
            new Column("database_id", Types.INTEGER, "int", 10, 0, false),
            new Column("state_desc", Types.NVARCHAR, "nvarchar", 60, 0, true),
            new Column("is_read_only", Types.BIT, "bit", 1, 0, true),
            new Column("is_in_standby", Types.BIT, "bit", 1, 0, true));

    static final List<Column> SYS_MASTER_FILES = List.of(
            new Column("name", Types.NVARCHAR, "nvarchar", 128, 0, false),
            new Column("type_desc", Types.NVARCHAR, "nvarchar", 60, 0, true),
            new Column("physical_name", Types.NVARCHAR, "nvarchar", 260, 0, false),
            new Column("state_desc", Types.NVARCHAR, "nvarchar", 60, 0, true));

    static final List<Column> RESTORES = List.of(
            new Column("restore_history_id", Types.INTEGER, "int", 10, 0, false),
            new Column("restore_date", Types.TIMESTAMP, "datetime", 23, 3, true),
            new Column("destination_database_name", Types.NVARCHAR, "nvarchar", 128, 0, true),
            new Column("restore_type", Types.CHAR, "char", 1, 0, true),
            new Column("replace", Types.BIT, "bit", 1, 0, true),
            new Column("recovery", Types.BIT, "bit", 1, 0, true),
            new Column("backup_set_id", Types.INTEGER, "int", 10, 0, false),
            new Column("type", Types.CHAR, "char", 1, 0, true),
            new Column("first_lsn", Types.NUMERIC, "numeric", 25, 0, true),
            new Column("last_lsn", Types.NUMERIC, "numeric", 25, 0, true),
            new Column("checkpoint_lsn", Types.NUMERIC, "numeric", 25, 0, true),
            new Column("database_backup_lsn", Types.NUMERIC, "numeric", 25, 0, true),
            new Column("last_recovery_fork_guid", Types.CHAR, "uniqueidentifier", 36, 0, true),
            new Column("is_readonly", Types.BIT, "bit", 1, 0, true),
            new Column("backup_start_date", Types.TIMESTAMP, "datetime", 23, 3, true),
            new Column("backup_finish_date", Types.TIMESTAMP, "datetime", 23, 3, true),
            new Column("time_zone", Types.SMALLINT, "smallint", 5, 0, true),
            new Column("physical_device_name", Types.NVARCHAR, "nvarchar", 260, 0, true));

    private ShapedResultSets() {
    }

    /** A result set of these columns holding {@code rows} (values in column order; null for SQL NULL). */
    static CachedRowSet of(List<Column> columns, List<Object[]> rows) throws SQLException {
        RowSetMetaDataImpl meta = new RowSetMetaDataImpl();
        meta.setColumnCount(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            meta.setColumnName(i + 1, c.name());
            meta.setColumnLabel(i + 1, c.name());
            meta.setColumnType(i + 1, c.type());
            meta.setColumnTypeName(i + 1, c.typeName());
            meta.setPrecision(i + 1, c.precision());
            meta.setScale(i + 1, c.scale());
            meta.setNullable(i + 1, c.nullable() ? java.sql.ResultSetMetaData.columnNullable
                    : java.sql.ResultSetMetaData.columnNoNulls);
        }
        CachedRowSet rs = RowSetProvider.newFactory().createCachedRowSet();
        rs.setMetaData(meta);
        for (Object[] row : rows) {
            rs.last(); // the row set inserts a new row next to the current one: after the last, so rows keep their order
            rs.moveToInsertRow();
            for (int i = 0; i < row.length; i++) {
                if (row[i] == null) {
                    rs.updateNull(i + 1);
                } else {
                    rs.updateObject(i + 1, row[i]);
                }
            }
            rs.insertRow();
            rs.moveToCurrentRow();
        }
        rs.beforeFirst();
        return rs;
    }
}
