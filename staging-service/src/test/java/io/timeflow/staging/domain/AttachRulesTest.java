package io.timeflow.staging.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeflow.platform.problem.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttachRulesTest {

    static final StagingMount MOUNT = new StagingMount(Environment.OsType.WINDOWS,
            "C:\\Program Files\\Delphix\\DelphixConnector\\e-Staging-1\\DATA\\DB");

    @Test
    void anAttachWithFilesInASubDirectoryOfTheMountFailsNamingEachPath() {
        String sub = MOUNT.dbDirectory() + "\\folder1\\sp.mdf";
        String deeper = MOUNT.dbDirectory() + "\\folder1\\folder2\\sp_log.ldf";
        AttachRules.Verdict v = AttachRules.judge(true, null, MOUNT, List.of(), List.of(sub, deeper));
        assertThat(v.attached()).isFalse();
        assertThat(v.filesOutside()).containsExactly(sub, deeper);
        assertThat(v.reason()).contains(sub).contains(deeper);
    }

    @Test
    void aRelinkedDatabaseKeepsItsFileNamesAndOtherNamesFailTheAttach() {
        List<String> kept = List.of("sales.mdf", "sales_log.ldf");
        assertThat(AttachRules.judge(true, null, MOUNT, kept, List.of(MOUNT.dbDirectory() + "\\SALES.MDF",
                MOUNT.dbDirectory() + "\\sales_log.ldf")).attached()).as("names compare as Windows does").isTrue();
        AttachRules.Verdict other = AttachRules.judge(true, null, MOUNT, kept, List.of(MOUNT.dbDirectory() + "\\v2.mdf"));
        assertThat(other.attached()).isFalse();
        assertThat(other.reason()).contains("file names changed").contains("sales.mdf").contains("v2.mdf");
    }

    @Test
    void theAgentsOwnFailureIsKeptWithItsReason() {
        AttachRules.Verdict v = AttachRules.judge(false, " a database named x exists ", MOUNT, List.of(), List.of());
        assertThat(v.attached()).isFalse();
        assertThat(v.reason()).isEqualTo("a database named x exists");
    }

    @Test
    void anEnableWhoseAttachFailedOrCouldNotBeAttemptedSucceedsWithSkipAttachOperation() {
        assertThat(AttachRules.enableWarnings(AgentTask.State.SUCCEEDED, null, "env")).isEmpty();
        Warning failed = AttachRules.enableWarnings(AgentTask.State.FAILED, "not managed here", "env").get(0);
        assertThat(failed.code()).isEqualTo("SKIP_ATTACH_OPERATION");
        assertThat(failed.message()).contains("not managed here").contains("FULL backup");
        assertThat(AttachRules.enableWarnings(null, null, "sqlstage-01").get(0).message())
                .contains("no agent of environment sqlstage-01").contains("could not be attempted");
        assertThat(AttachRules.enableWarnings(AgentTask.State.EXPIRED, "no report within 30 s", "env").get(0).message())
                .contains("did not finish the attach in time");
    }

    @Test
    void enableAndAttachAreRefusedWhileTheKnownFilesLieInASubDirectory() {
        String sub = MOUNT.dbDirectory() + "\\folder1\\sp.mdf";
        assertThatThrownBy(() -> AttachRules.filesUnderMount(MOUNT, List.of(sub), "enabling dSource x"))
                .isInstanceOf(ProblemException.class).hasMessageContaining(sub)
                .extracting(e -> ((ProblemException) e).code()).isEqualTo("FILES_OUTSIDE_MOUNT_DIRECTORY");
        AttachRules.filesUnderMount(MOUNT, List.of(MOUNT.dbDirectory() + "\\sp.mdf"), "enabling dSource x");
    }

    @Test
    void aConversionIsOnlyForOnlineModeAndNotToTheSameType() {
        assertThatThrownBy(() -> Lifecycle.convert(io.timeflow.events.staging.DatabaseStateMode.RESTORING,
                DSource.IngestionType.STAGING_PUSH, DSource.IngestionType.LINKED, false))
                .extracting(e -> ((ProblemException) e).code()).isEqualTo("CONVERSION_NOT_SUPPORTED");
        assertThatThrownBy(() -> Lifecycle.convert(io.timeflow.events.staging.DatabaseStateMode.ONLINE,
                DSource.IngestionType.LINKED, DSource.IngestionType.LINKED, false))
                .extracting(e -> ((ProblemException) e).code()).isEqualTo("INGESTION_TYPE_UNCHANGED");
        assertThatThrownBy(() -> Lifecycle.convert(io.timeflow.events.staging.DatabaseStateMode.ONLINE,
                DSource.IngestionType.STAGING_PUSH, DSource.IngestionType.LINKED, true))
                .extracting(e -> ((ProblemException) e).code()).isEqualTo("RESTORE_IN_PROGRESS");
        Lifecycle.convert(io.timeflow.events.staging.DatabaseStateMode.ONLINE, DSource.IngestionType.STAGING_PUSH,
                DSource.IngestionType.LINKED, false);
    }

    @Test
    void onlyFilesBelowTheDbDirectoryCountAsInASubDirectoryNotAnotherDatabasesFilesElsewhere() {
        String sub = MOUNT.dbDirectory() + "\\folder1\\sp.mdf";
        String elsewhere = "D:\\Data\\other.mdf";
        String direct = MOUNT.dbDirectory() + "\\sp.mdf";
        assertThat(MOUNT.filesInSubdirectories(List.of(sub, elsewhere, direct))).containsExactly(sub);
        AttachRules.filesUnderMount(MOUNT, List.of(elsewhere), "enabling dSource x");
    }
}
