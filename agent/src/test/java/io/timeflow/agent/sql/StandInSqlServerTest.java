package io.timeflow.agent.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in host directory answers as SQL Server would, and changes as a restore would change it. */
class StandInSqlServerTest {

    @TempDir
    Path dir;

    @Test
    void aLinkCreatesTheStagingDatabaseRestoringWithItsFilesDirectlyOnTheMount() throws Exception {
        StandInSqlServer s = new StandInSqlServer(dir);
        s.init("Europe/Paris");
        String mount = dir.resolve("connector/e-Staging-1/DATA/DB").toString();
        SqlServer.AttachOutcome o = s.attach("MSSQLSERVER",
                new SqlServer.AttachRequest("sales", mount, '/', "RESTORING", List.of()));
        assertThat(o.attached()).isTrue();
        assertThat(o.files()).containsExactly(mount + "/sales.mdf", mount + "/sales_log.ldf");
        assertThat(Files.exists(Path.of(mount, "sales.mdf"))).isTrue();
        assertThat(s.database("MSSQLSERVER", "sales").orElseThrow().timeflowState()).isEqualTo("RESTORING");
        assertThat(s.files("MSSQLSERVER", "sales")).extracting(FileRow::typeDesc).containsExactly("ROWS", "LOG");
        assertThat(s.attach("MSSQLSERVER", new SqlServer.AttachRequest("sales", mount, '/', "RESTORING", List.of()))
                .attached()).as("attaching it again finds it").isTrue();
    }

    @Test
    void aDatabaseOfThatNameWhoseFilesAreElsewhereIsNotTimeflows() throws Exception {
        StandInSqlServer s = new StandInSqlServer(dir);
        String mine = dir.resolve("connector/e-Staging-1/DATA/DB").toString();
        String other = dir.resolve("elsewhere").toString();
        s.attach("MSSQLSERVER", new SqlServer.AttachRequest("sales", other, '/', "ONLINE", List.of()));
        SqlServer.AttachOutcome o = s.attach("MSSQLSERVER",
                new SqlServer.AttachRequest("sales", mine, '/', "RESTORING", List.of()));
        assertThat(o.attached()).isFalse();
        assertThat(o.reason()).contains("not managed by Timeflow");
    }

    @Test
    void aRelinkUnderANewNameAttachesTheFilesByTheNamesTheDsourceKeeps() throws Exception {
        StandInSqlServer s = new StandInSqlServer(dir);
        String mount = dir.resolve("connector/e-Staging-1/DATA/DB").toString();
        s.attach("MSSQLSERVER", new SqlServer.AttachRequest("sales", mount, '/', "RESTORING", List.of()));
        s.setState("MSSQLSERVER", "sales", "MISSING");
        SqlServer.AttachOutcome o = s.attach("MSSQLSERVER", new SqlServer.AttachRequest("sales_2", mount, '/',
                "RESTORING", List.of("sales.mdf", "sales_log.ldf")));
        assertThat(o.attached()).isTrue();
        assertThat(o.files()).containsExactly(mount + "/sales.mdf", mount + "/sales_log.ldf");
    }

    @Test
    void aRestoreIsRecordedInRestoreHistoryAndChangesTheDatabase() throws Exception {
        StandInSqlServer s = new StandInSqlServer(dir);
        s.init("UTC");
        String mount = dir.resolve("m/DATA/DB").toString();
        s.attach("MSSQLSERVER", new SqlServer.AttachRequest("sales", mount, '/', "RESTORING", List.of()));
        ObjectNode set = new ObjectMapper().createObjectNode().put("type", "D").put("first_lsn", "1000")
                .put("last_lsn", "2000").put("checkpoint_lsn", "1500").put("time_zone", 0);
        int first = s.recordRestore("MSSQLSERVER", "sales", set, true, false, null);
        int second = s.recordRestore("MSSQLSERVER", "sales", set.deepCopy().put("type", "L").put("first_lsn", "2000")
                .put("last_lsn", "2500"), false, false, "folder1");
        assertThat(s.restoresInto("MSSQLSERVER", "sales", 0)).extracting(RestoreRow::restoreHistoryId)
                .containsExactly(first, second);
        RestoreRow log = s.restoresInto("MSSQLSERVER", "sales", first).get(0);
        assertThat(log.timeflowType()).isEqualTo("LOG");
        assertThat(log.recovery()).isFalse();
        assertThat(s.files("MSSQLSERVER", "sales")).extracting(FileRow::physicalName)
                .allMatch(p -> p.startsWith(mount + "/folder1/"));
        assertThat(s.restoresInto("MSSQLSERVER", "other", 0)).isEmpty();
    }
}
