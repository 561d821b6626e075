package io.timeflow.e2e;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The story's plugin (resources {@code io/timeflow/e2e/plugin/v1} and {@code v2}) zipped as an author
 * zips a Virtualization SDK plugin's folder, with a fresh plugin id so that each telling installs its
 * own plugin.
 */
public final class PluginBundle {

    private static final List<String> FILES = List.of("plugin_config.yml", "schema.json", "src/push_plugin.py");

    private final byte[] zip;

    private PluginBundle(byte[] zip) {
        this.zip = zip;
    }

    public static PluginBundle version(int version, String pluginId) {
        return of("plugin", FILES, version, pluginId);
    }

    /**
     * The plugin whose linked sources hold a password (resources {@code io/timeflow/e2e/secret-plugin/v1}
     * and {@code v2}; version 2's migration records figures derived from the password).
     */
    public static PluginBundle withCredentials(int version, String pluginId) {
        return of("secret-plugin", List.of("plugin_config.yml", "schema.json", "src/secret_plugin.py"), version, pluginId);
    }

    private static PluginBundle of(String folder, List<String> files, int version, String pluginId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (String name : files) {
                String resource = "/io/timeflow/e2e/" + folder + "/v" + version + "/" + name;
                try (InputStream in = PluginBundle.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("missing resource " + resource);
                    }
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("PLUGIN_ID", pluginId);
                    z.putNextEntry(new ZipEntry(name));
                    z.write(text.getBytes(StandardCharsets.UTF_8));
                    z.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PluginBundle(out.toByteArray());
    }

    /** The bundle in a temporary file (removed when the JVM exits): what the generated client uploads. */
    public File toFile() throws IOException {
        Path file = Files.createTempFile("timeflow-plugin-", ".zip");
        file.toFile().deleteOnExit();
        Files.write(file, zip);
        return file.toFile();
    }
}
