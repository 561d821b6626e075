package io.timeflow.plugin.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeflow.plugin.Bundle;
import io.timeflow.plugin.domain.ObjectType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Bad bundles are refused with an error that says which file and line. */
class BundleReaderUnitTest {

    final BundleReader reader = new BundleReader(1_000_000, 100);

    static void assertProblem(Runnable read, String code, String file, int line, String message) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(BundleRejectedException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.problems()).anySatisfy(p -> {
                assertThat(p.file()).isEqualTo(file);
                assertThat(p.line()).isEqualTo(line);
                assertThat(p.message()).contains(message);
            });
        });
    }

    @Test
    void anSdkPluginDirectoryReadsAsIs() {
        PluginBundle bundle = reader.read(Bundle.of("textfiles-v1").zip());
        assertThat(bundle.config().id()).isEqualTo("7cf830f2-82f3-4d5d-a63c-7bbe50c22b32");
        assertThat(bundle.config().entryModule()).isEqualTo("plugin_runner");
        assertThat(bundle.config().srcDir()).isEqualTo("src");
        assertThat(bundle.sources()).containsKeys("plugin_runner.py", "textfiles/__init__.py", "textfiles/sync.py");
        assertThat(bundle.schema().definitions()).containsKeys(ObjectType.values());
        assertThat(bundle.bundlePath("textfiles/sync.py")).isEqualTo("src/textfiles/sync.py");
    }

    @Test
    void aZipOfThePluginsFolderReadsToo() {
        assertThat(reader.read(Bundle.of("textfiles-v1").inDirectory("textfiles").zip()).config().name())
                .isEqualTo("Text Files");
    }

    @Test
    void aMissingPluginConfigIsNamed() {
        assertProblem(() -> reader.read(Bundle.of("textfiles-v1").without("plugin_config.yml").zip()),
                "INVALID_BUNDLE", "plugin_config.yml", 0, "is missing");
    }

    @Test
    void aMissingSchemaFileIsNamedAtItsConfigLine() {
        assertProblem(() -> reader.read(Bundle.of("textfiles-v1").without("schema.json").zip()),
                "INVALID_BUNDLE", "plugin_config.yml", 9, "schemaFile names schema.json, which is not in the bundle");
    }

    @Test
    void invalidYamlNamesTheLine() {
        Bundle bundle = Bundle.of("textfiles-v1").replace("plugin_config.yml", "hostTypes:\n  - UNIX",
                "hostTypes:\n  - UNIX\n   bad: [");
        assertProblem(() -> reader.read(bundle.zip()), "INVALID_BUNDLE", "plugin_config.yml", 7, "is not valid YAML");
    }

    @Test
    void aMissingRequiredConfigKeyAndABadValueAreEachNamed() {
        Bundle bundle = Bundle.of("textfiles-v1").replace("plugin_config.yml", "pluginType: DIRECT", "pluginType: LINKED")
                .replace("plugin_config.yml", "entryPoint: plugin_runner:plugin\n", "");
        assertThatThrownBy(() -> reader.read(bundle.zip())).isInstanceOfSatisfying(BundleRejectedException.class, e -> {
            assertThat(e.problems()).anySatisfy(p -> assertThat(p.message()).isEqualTo("entryPoint is required"));
            assertThat(e.problems()).anySatisfy(p -> {
                assertThat(p.line()).isEqualTo(9);
                assertThat(p.message()).contains("pluginType: must be STAGED or DIRECT");
            });
        });
    }

    @Test
    void aPython27ConfigReads_soThatItsPython2CodeCanBePointedAtBeforeItIsRefused() {
        Bundle bundle = Bundle.of("textfiles-v1").configLine("language", "PYTHON27");
        assertThat(reader.read(bundle.zip()).config().language()).isEqualTo("PYTHON27");
    }

    @Test
    void aLanguageThatIsNoPythonOfTheSdkIsRefusedAtItsLine() {
        Bundle bundle = Bundle.of("textfiles-v1").configLine("language", "RUBY3");
        assertProblem(() -> reader.read(bundle.zip()), "UNSUPPORTED_LANGUAGE", "plugin_config.yml", 11,
                "language RUBY3 is not a language this service can run");
    }

    @Test
    void anEntryPointModuleThatIsNotInTheBundleIsNamedAtItsConfigLine() {
        Bundle bundle = Bundle.of("textfiles-v1").configLine("entryPoint", "runner:plugin");
        assertProblem(() -> reader.read(bundle.zip()), "INVALID_BUNDLE", "plugin_config.yml", 7,
                "entryPoint names module runner, but neither src/runner.py nor src/runner/__init__.py is in the bundle");
    }

    @Test
    void invalidSchemaJsonNamesTheLine() {
        Bundle bundle = Bundle.of("textfiles-v1").replace("schema.json", "\"required\": [\"path\"],", "\"required\": [\"path\"]");
        assertProblem(() -> reader.read(bundle.zip()), "INVALID_BUNDLE", "schema.json", 16, "is not valid JSON");
    }

    @Test
    void aDefinitionThatIsNotAValidDraft07SchemaNamesTheLine() {
        Bundle bundle = Bundle.of("textfiles-v1").replace("schema.json", "\"required\": [\"path\"],", "\"required\": \"path\",");
        assertProblem(() -> reader.read(bundle.zip()), "INVALID_BUNDLE", "schema.json", 15,
                "sourceConfigDefinition/required is not a valid draft-07 schema");
    }

    @Test
    void aMissingDefinitionIsNamed() {
        Bundle bundle = Bundle.of("manualport-v1").replace("schema.json",
                "\"snapshotDefinition\": {\"type\": \"object\", \"properties\": {}},", "");
        assertProblem(() -> reader.read(bundle.zip()), "INVALID_BUNDLE", "schema.json", 1, "snapshotDefinition is missing");
    }

    @Test
    void aReferenceOutsideTheSchemaFileIsRefusedAndNeverFetched() {
        Bundle bundle = Bundle.of("manualport-v1").replace("schema.json", "\"name\": {\"type\": \"string\"}\n",
                "\"name\": {\"$ref\": \"https://schemas.example.net/name.json\"}\n");
        assertProblem(() -> reader.read(bundle.zip()), "INVALID_BUNDLE", "schema.json", 10, "points outside the schema file");
    }

    @Test
    void aPathLeavingTheBundleIsRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("../evil.py"));
            zip.write("x".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertThatThrownBy(() -> reader.read(out.toByteArray())).isInstanceOf(BundleRejectedException.class)
                .hasMessageContaining("leaves the plugin's directory");
    }

    @Test
    void somethingThatIsNotAZipIsRefused() {
        assertThatThrownBy(() -> reader.read("not a zip".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BundleRejectedException.class).hasMessageContaining("holds no files");
    }

    @Test
    void aBundleLargerThanTheLimitIsRefused() {
        Bundle bundle = Bundle.of("textfiles-v1").with("src/big.py", "#" + "x".repeat(1_100_000));
        assertThatThrownBy(() -> reader.read(bundle.zip())).isInstanceOf(BundleRejectedException.class)
                .hasMessageContaining("larger than 1000000 bytes");
    }
}
