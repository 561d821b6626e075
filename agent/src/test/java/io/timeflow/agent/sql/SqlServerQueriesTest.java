package io.timeflow.agent.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agent's reading of SQL Server's answers, against result sets shaped exactly like the system views
 * ({@link ShapedResultSets} names the source of each column). No SQL Server runs where Timeflow is built:
 * the queries themselves are not executed here.
 */
class SqlServerQueriesTest {

    static final String MOUNT = "C:\\Program Files\\Delphix\\DelphixConnector\\ec2197b2-Staging-1\\DATA\\DB";

    @Test
    void aRowOfSysDatabasesGivesTheStateTimeflowKnows() throws Exception {
        ResultSet rs = ShapedResultSets.of(ShapedResultSets.SYS_DATABASES, rows(
                new Object[] {"sales_stage", 7, "RESTORING", false, false},
                new Object[] {"sales_ro", 8, "ONLINE", true, false},
                new Object[] {"sales_standby", 9, "RESTORING", true, true},
                new Object[] {"sales_suspect", 10, "SUSPECT", false, false},
                new Object[] {"sales_online", 11, "ONLINE", false, false}));
        List<String> states = new ArrayList<>();
        while (rs.next()) {
            DatabaseRow row = SqlServerQueries.database(rs);
            states.add(row.name() + "=" + row.timeflowState());
        }
        assertThat(states).containsExactly("sales_stage=RESTORING", "sales_ro=READ_ONLY", "sales_standby=STANDBY",
                "sales_suspect=OFFLINE", "sales_online=ONLINE");
    }

    @Test
    void sysMasterFilesGivesEachFilesPhysicalNameInFileOrder() throws Exception {
        ResultSet rs = ShapedResultSets.of(ShapedResultSets.SYS_MASTER_FILES, rows(
                new Object[] {"sales", "ROWS", MOUNT + "\\sales.mdf", "ONLINE"},
                new Object[] {"sales_log", "LOG", MOUNT + "\\sales_log.ldf", "RESTORING"}));
        List<FileRow> files = SqlServerQueries.files(rs);
        assertThat(files).extracting(FileRow::physicalName).containsExactly(MOUNT + "\\sales.mdf", MOUNT + "\\sales_log.ldf");
        assertThat(files.get(1)).isEqualTo(new FileRow("sales_log", "LOG", MOUNT + "\\sales_log.ldf", "RESTORING"));
    }

    @Test
    void restoreHistoryJoinedToBackupSetGivesTheBackupSetWithExactLsnsAndUtcTimes() throws Exception {
        Timestamp restored = Timestamp.valueOf(LocalDateTime.of(2026, 11, 23, 9, 1, 2, 123_000_000));
        Timestamp started = Timestamp.valueOf(LocalDateTime.of(2026, 11, 23, 8, 50, 0));
        Timestamp finished = Timestamp.valueOf(LocalDateTime.of(2026, 11, 23, 8, 50, 10));
        ResultSet rs = ShapedResultSets.of(ShapedResultSets.RESTORES, rows(
                new Object[] {41, restored, "sales_stage", "D", true, false, 17, "D",
                        new BigDecimal("34000000016800037"), new BigDecimal("34000000021600001"),
                        new BigDecimal("34000000016800037"), null, "0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0", false,
                        started, finished, (short) 4, "\\\\10-43-89-18\\Backup\\sp.bak"},
                new Object[] {42, restored, "sales_stage", "L", null, null, 18, "L",
                        new BigDecimal("9999999999999999999999999"), new BigDecimal("9999999999999999999999999"), null,
                        new BigDecimal("34000000016800037"), null, null, started, finished, (short) 127, null}));
        List<RestoreRow> rows = SqlServerQueries.restores(rs);
        RestoreRow full = rows.get(0);
        assertThat(full.restoreHistoryId()).isEqualTo(41);
        assertThat(full.timeflowType()).isEqualTo("FULL");
        assertThat(full.replace()).isTrue();
        assertThat(full.recovery()).isFalse();
        assertThat(SqlServerQueries.lsn(full.firstLsn())).isEqualTo("34000000016800037");
        assertThat(SqlServerQueries.lsn(full.lastLsn())).isEqualTo("34000000021600001");
        assertThat(full.lastRecoveryForkGuid()).isEqualTo("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
        assertThat(full.restoreDate()).isEqualTo(LocalDateTime.of(2026, 11, 23, 9, 1, 2, 123_000_000));
        // time_zone 4 = UTC+01:00 in 15-minute steps: 08:50 local is 07:50 UTC
        assertThat(full.utc(full.backupStartDate())).isEqualTo(Instant.parse("2026-11-23T07:50:00Z"));
        assertThat(full.physicalDeviceName()).isEqualTo("\\\\10-43-89-18\\Backup\\sp.bak");

        RestoreRow log = rows.get(1);
        assertThat(log.timeflowType()).isEqualTo("LOG");
        assertThat(log.replace()).as("restorehistory.replace may be NULL").isNull();
        assertThat(log.recovery()).isNull();
        assertThat(log.checkpointLsn()).isNull();
        assertThat(SqlServerQueries.lsn(log.firstLsn())).as("a numeric(25,0) LSN at its widest")
                .isEqualTo("9999999999999999999999999");
        assertThat(log.utc(log.backupStartDate())).as("time_zone 127 is unknown").isNull();
        assertThat(log.physicalDeviceName()).isNull();
    }

    @Test
    void backupTypesTimeflowDoesNotTrackAreNotMapped() {
        for (String fileOrPartial : List.of("F", "G", "P", "Q")) {
            RestoreRow r = new RestoreRow(1, null, "db", fileOrPartial, null, null, 1, fileOrPartial, null, null, null,
                    null, null, null, null, null, null, null);
            assertThat(r.timeflowType()).isNull();
        }
    }

    @Test
    void identifiersAndLiteralsAreQuotedSoANameCannotBreakOutOfTheStatement() {
        assertThat(SqlServerQueries.identifier("a]b")).isEqualTo("[a]]b]");
        assertThat(SqlServerQueries.literal("C:\\x'; DROP DATABASE y; --")).isEqualTo("N'C:\\x''; DROP DATABASE y; --'");
        assertThat(SqlServerQueries.createEmpty("sales", MOUNT, '\\')).isEqualTo("CREATE DATABASE [sales] ON PRIMARY "
                + "(NAME = [sales], FILENAME = N'" + MOUNT + "\\sales.mdf') LOG ON (NAME = [sales_log], FILENAME = N'"
                + MOUNT + "\\sales_log.ldf')");
        assertThat(SqlServerQueries.attachFromFiles("sales_2", List.of(MOUNT + "\\sales.mdf", MOUNT + "\\sales_log.ldf")))
                .isEqualTo("CREATE DATABASE [sales_2] ON (FILENAME = N'" + MOUNT + "\\sales.mdf'), (FILENAME = N'" + MOUNT
                        + "\\sales_log.ldf') FOR ATTACH");
    }

    @Test
    void theRestoreQueryJoinsTheThreeMsdbTablesAndReadsEveryColumnTheReaderNeeds() {
        for (ShapedResultSets.Column c : ShapedResultSets.RESTORES) {
            assertThat(SqlServerQueries.RESTORES).as("the query selects %s", c.name()).contains(c.name());
        }
        assertThat(SqlServerQueries.RESTORES).contains("msdb.dbo.restorehistory r", "JOIN msdb.dbo.backupset b",
                "msdb.dbo.backupmediafamily f", "ORDER BY r.restore_history_id");
    }

    private static List<Object[]> rows(Object[]... rows) {
        return List.of(rows);
    }
}
