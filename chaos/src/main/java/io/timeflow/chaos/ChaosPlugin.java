package io.timeflow.chaos;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The run's plugin, a bundle shaped like a Virtualization SDK plugin, in as many versions as the run
 * upgrades through. Version {@code g} requires {@code "generation": g} in every linked source and
 * source config, and carries the data migrations {@code k.1} (linked sources) and {@code k.2}
 * (source configs) for every {@code k} from 2 to {@code g}, each setting {@code generation} to
 * {@code k}: an upgrade from {@code g-1} to {@code g} runs exactly the two new ones. So an object's
 * {@code generation} says which version's migrations it went through, and after a finished upgrade
 * every object of the plugin carries the same one.
 */
final class ChaosPlugin {

    private ChaosPlugin() {
    }

    static byte[] bundle(String pluginId, int generation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            entry(z, "plugin_config.yml", config(pluginId, generation));
            entry(z, "schema.json", schema(generation));
            entry(z, "src/chaos_plugin.py", source(generation));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The bundle in a temporary file (removed when the JVM exits): what the generated client uploads. */
    static File file(String pluginId, int generation) throws IOException {
        Path file = Files.createTempFile("timeflow-chaos-plugin-", ".zip");
        file.toFile().deleteOnExit();
        Files.write(file, bundle(pluginId, generation));
        return file.toFile();
    }

    static String version(int generation) {
        return generation + ".0";
    }

    private static void entry(ZipOutputStream z, String name, String text) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(text.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }

    static String config(String pluginId, int generation) {
        return """
                id: %s
                name: Chaos run plugin
                externalVersion: "%s"
                buildNumber: "%d.0.0"
                hostTypes:
                  - WINDOWS
                entryPoint: chaos_plugin:plugin
                srcDir: src
                schemaFile: schema.json
                pluginType: STAGED
                language: PYTHON311
                """.formatted(pluginId, version(generation), generation);
    }

    static String schema(int generation) {
        return """
                {
                  "repositoryDefinition": {"type": "object", "properties": {"name": {"type": "string"}}, "nameField": "name", "identityFields": ["name"]},
                  "sourceConfigDefinition": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["databaseName", "generation"],
                    "properties": {"databaseName": {"type": "string"}, "generation": {"type": "integer", "const": %1$d}},
                    "nameField": "databaseName",
                    "identityFields": ["databaseName"]
                  },
                  "linkedSourceDefinition": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["stagingDatabase", "generation"],
                    "properties": {"stagingDatabase": {"type": "string"}, "generation": {"type": "integer", "const": %1$d}}
                  },
                  "virtualSourceDefinition": {"type": "object", "properties": {}},
                  "snapshotDefinition": {"type": "object", "properties": {}},
                  "snapshotParametersDefinition": {"type": "object", "properties": {}}
                }
                """.formatted(generation);
    }

    static String source(int generation) {
        StringBuilder py = new StringBuilder("""
                from dlpx.virtualization.platform import Plugin, Status

                plugin = Plugin()


                @plugin.virtual.status()
                def virtual_status(virtual_source, repository, source_config):
                    return Status.ACTIVE
                """);
        for (int k = 2; k <= generation; k++) {
            py.append("""


                    @plugin.upgrade.linked_source("%1$d.1")
                    def linked_source_to_%1$d(old):
                        old["generation"] = %1$d
                        return old


                    @plugin.upgrade.source_config("%1$d.2")
                    def source_config_to_%1$d(old):
                        old["generation"] = %1$d
                        return old
                    """.formatted(k));
        }
        return py.toString();
    }
}
