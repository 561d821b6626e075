package io.timeflow.plugin.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runtime's report of a failed object, read into a kind, a code and a message (plain unit test). */
class MigrationErrorUnitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Migration> CHAIN = List.of(
            new Migration(MigrationId.parse("2019.11.20"), ObjectType.LINKED_SOURCE, "add_option", "src/migrations.py", 12),
            new Migration(MigrationId.parse("2019.12.01"), ObjectType.LINKED_SOURCE, "rename_port", "src/migrations.py", 30));

    @Test
    void eachKindHasItsCode() throws Exception {
        assertThat(error("{\"kind\":\"RAISED\",\"step\":0,\"exception\":\"KeyError\",\"message\":\"'port'\"}").code())
                .isEqualTo(UpgradeCode.MIGRATION_FAILED);
        assertThat(error("{\"kind\":\"REFUSED\",\"step\":0,\"exception\":\"PermissionError\",\"message\":\"environment "
                + "access is not allowed in the plugin sandbox\"}").code()).isEqualTo(UpgradeCode.SANDBOX_VIOLATION);
        // the kind decides, not the words: a migration's own error that speaks of the sandbox is its own failure
        assertThat(error("{\"kind\":\"RAISED\",\"step\":0,\"exception\":\"ValueError\",\"message\":\"port is not "
                + "allowed in the plugin sandbox\"}").code()).isEqualTo(UpgradeCode.MIGRATION_FAILED);
        assertThat(error("{\"kind\":\"PLATFORM_LIBRARY\",\"step\":1,\"message\":\"x\"}").code())
                .isEqualTo(UpgradeCode.SANDBOX_VIOLATION);
        assertThat(error("{\"kind\":\"NOT_A_DICT\",\"step\":1,\"message\":\"returned list, not a dict\"}").code())
                .isEqualTo(UpgradeCode.MIGRATION_RESULT_INVALID);
        assertThat(error("{\"kind\":\"NOT_JSON\",\"message\":\"x\"}").code())
                .isEqualTo(UpgradeCode.MIGRATION_RESULT_INVALID);
        assertThat(error("{\"kind\":\"SOMETHING_NEWER\",\"message\":\"x\"}").kind()).isEqualTo(MigrationError.Kind.OTHER);
        assertThat(error("{\"kind\":\"SOMETHING_NEWER\",\"message\":\"x\"}").code())
                .isEqualTo(UpgradeCode.MIGRATION_FAILED);
    }

    @Test
    void aRaisedExceptionIsDescribedWithTheMigrationTheExceptionAndWhereItWasRaised() throws Exception {
        MigrationError e = error("{\"kind\":\"RAISED\",\"step\":1,\"exception\":\"KeyError\",\"message\":\"'port'\","
                + "\"file\":\"src/migrations.py\",\"line\":33}");
        assertThat(e.describe("linked source 7", e.migration(CHAIN))).isEqualTo("linked source 7: migration 2019.12.01 "
                + "(rename_port, src/migrations.py line 30) raised KeyError: 'port' at src/migrations.py line 33");
    }

    @Test
    void aRefusalIsDescribedAsTheExceptionTheMigrationMet() throws Exception {
        MigrationError e = error("{\"kind\":\"REFUSED\",\"step\":0,\"exception\":\"ImportError\",\"message\":\"ctypes "
                + "is not available in the plugin sandbox: native code is not allowed\",\"file\":\"src/migrations.py\",\"line\":4}");
        assertThat(e.describe("linked source 7", e.migration(CHAIN))).isEqualTo("linked source 7: migration 2019.11.20 "
                + "(add_option, src/migrations.py line 12) raised ImportError: ctypes is not available in the plugin "
                + "sandbox: native code is not allowed at src/migrations.py line 4");
    }

    @Test
    void aReportWithoutAStepNamesTheChainsLastMigrationAndOtherKindsGiveTheRuntimesMessage() throws Exception {
        MigrationError e = error("{\"kind\":\"NOT_JSON\",\"message\":\"the result holds a set, which JSON cannot\"}");
        assertThat(e.migration(CHAIN).function()).isEqualTo("rename_port");
        assertThat(e.describe("linked source 7", e.migration(CHAIN))).isEqualTo("linked source 7: migration 2019.12.01 "
                + "(rename_port, src/migrations.py line 30) the result holds a set, which JSON cannot");
    }

    private static MigrationError error(String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        return MigrationError.from(node, CHAIN.size());
    }
}
