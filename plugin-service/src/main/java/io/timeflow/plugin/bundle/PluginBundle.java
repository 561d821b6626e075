package io.timeflow.plugin.bundle;

import java.util.SortedMap;

/**
 * A plugin bundle as uploaded and checked: its config, its schema (the five object definitions)
 * and its Python sources. Nothing in it has run yet; {@code PluginLoader} loads the sources into a
 * sandbox to find the entry point and the migrations.
 *
 * @param config  the plugin config
 * @param schema  the schema file, checked
 * @param sources the Python files under the source directory, by path relative to it (e.g. {@code pkg/mod.py})
 * @param archive the zip as uploaded, kept with the version
 */
public record PluginBundle(PluginConfig config, PluginSchemaFile schema, SortedMap<String, String> sources,
        byte[] archive) {

    /** Where a source file is in the bundle, for messages, e.g. {@code src/pkg/mod.py}. */
    public String bundlePath(String sourcePath) {
        String dir = config.srcDir();
        return dir.isEmpty() ? sourcePath : dir + "/" + sourcePath;
    }
}
