package io.timeflow.staging.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The mount base the service assigns, and the rule that database files lie directly in its DB directory. */
class StagingMountTest {

    static final UUID ENGINE = UUID.fromString("ec2197b2-e0c6-48d2-bd14-265e6fa9b5ab");

    @Test
    void theWindowsMountBaseIsConnectorPathEngineIdStagingContainerIdDataDb() {
        StagingMount m = StagingMount.assign(Environment.OsType.WINDOWS,
                "C:\\Program Files\\Delphix\\DelphixConnector\\", ENGINE, 7);
        assertThat(m.dbDirectory()).isEqualTo(
                "C:\\Program Files\\Delphix\\DelphixConnector\\ec2197b2-e0c6-48d2-bd14-265e6fa9b5ab-Staging-7\\DATA\\DB");
    }

    @Test
    void theLinuxMountBaseUsesForwardSlashes() {
        StagingMount m = StagingMount.assign(Environment.OsType.LINUX, "/opt/delphix/connector/", ENGINE, 12);
        assertThat(m.dbDirectory()).isEqualTo("/opt/delphix/connector/ec2197b2-e0c6-48d2-bd14-265e6fa9b5ab-Staging-12/DATA/DB");
    }

    @Test
    void aFileDirectlyInTheDbDirectoryIsAcceptedWhateverTheCaseOrSeparatorOnWindows() {
        StagingMount m = StagingMount.assign(Environment.OsType.WINDOWS, "C:\\Delphix", ENGINE, 1);
        assertThat(m.holdsDirectly("C:\\Delphix\\ec2197b2-e0c6-48d2-bd14-265e6fa9b5ab-Staging-1\\DATA\\DB\\sp.mdf")).isTrue();
        // the staging-push rules' own example writes the directory in lower case
        assertThat(m.holdsDirectly("c:\\delphix\\EC2197B2-E0C6-48D2-BD14-265E6FA9B5AB-staging-1\\DATA\\db\\sp_log.ldf")).isTrue();
        assertThat(m.holdsDirectly("C:/Delphix/ec2197b2-e0c6-48d2-bd14-265e6fa9b5ab-Staging-1/DATA/DB/sp.ndf")).isTrue();
    }

    @Test
    void aFileInASubDirectoryOrElsewhereIsNamedAsOutside() {
        StagingMount m = StagingMount.assign(Environment.OsType.WINDOWS, "C:\\Delphix", ENGINE, 1);
        String db = m.dbDirectory();
        List<String> files = List.of(db + "\\sp.mdf", db + "\\folder1\\sp.mdf", db + "\\folder1\\folder2\\sp_log.ldf",
                "D:\\elsewhere\\sp.mdf", db + "\\..\\DB\\sp.mdf", db, db + "\\");
        assertThat(m.filesOutside(files)).containsExactly(db + "\\folder1\\sp.mdf", db + "\\folder1\\folder2\\sp_log.ldf",
                "D:\\elsewhere\\sp.mdf", db + "\\..\\DB\\sp.mdf", db, db + "\\");
    }

    @Test
    void onLinuxCaseMatters() {
        StagingMount m = StagingMount.assign(Environment.OsType.LINUX, "/opt/delphix", ENGINE, 3);
        assertThat(m.holdsDirectly(m.dbDirectory() + "/sp.mdf")).isTrue();
        assertThat(m.holdsDirectly(m.dbDirectory().toLowerCase() + "/sp.mdf")).isFalse();
        assertThat(m.holdsDirectly(m.dbDirectory() + "//sp.mdf")).isTrue();
    }

    @Test
    void movingToAnotherConnectorPathKeepsTheContainerAndSoTheFileNames() {
        StagingMount m = StagingMount.assign(Environment.OsType.WINDOWS, "C:\\Delphix", ENGINE, 5);
        StagingMount moved = m.movedTo(Environment.OsType.WINDOWS, "E:\\Connector");
        assertThat(moved.dbDirectory()).isEqualTo("E:\\Connector\\ec2197b2-e0c6-48d2-bd14-265e6fa9b5ab-Staging-5\\DATA\\DB");
    }
}
