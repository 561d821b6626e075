package io.timeflow.plugin.bundle;

import io.timeflow.plugin.domain.BuildNumber;
import java.util.List;
import java.util.Map;

/**
 * What a plugin's {@code plugin_config.yml} declares, with the line of each key for messages.
 *
 * @param id              the plugin's id (a UUID for SDK plugins)
 * @param name            display name; the id when absent
 * @param externalVersion the version people see; the build number when absent
 * @param buildNumber     integers separated by periods; must increase from one installed version to the next
 * @param hostTypes       UNIX and/or WINDOWS
 * @param pluginType      STAGED or DIRECT
 * @param language        e.g. PYTHON38
 * @param entryModule     the module of the entry point, e.g. {@code plugin_runner}
 * @param entryObject     the Plugin object in it, e.g. {@code plugin}
 * @param srcDir          the source directory, relative to the plugin's root, without trailing slash
 * @param schemaFile      the schema file, relative to the plugin's root
 * @param lines           line of each top-level key
 */
public record PluginConfig(
        String id,
        String name,
        String externalVersion,
        BuildNumber buildNumber,
        List<String> hostTypes,
        String pluginType,
        String language,
        String entryModule,
        String entryObject,
        String srcDir,
        String schemaFile,
        Map<String, Integer> lines) {

    public static final String FILE = "plugin_config.yml";

    public String entryPoint() {
        return entryModule + ":" + entryObject;
    }

    public int lineOf(String key) {
        return lines.getOrDefault(key, 1);
    }
}
