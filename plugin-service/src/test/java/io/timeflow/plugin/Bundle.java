package io.timeflow.plugin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A plugin bundle for tests: the files of a plugin directory under {@code src/test/resources/plugins},
 * changed as a test needs (a fresh plugin id, another build number, a file replaced), zipped as an
 * author would zip the plugin's directory.
 */
public final class Bundle {

    private final Map<String, String> files;
    private String topDirectory;

    private Bundle(Map<String, String> files) {
        this.files = files;
    }

    /** The plugin directory {@code src/test/resources/plugins/<name>}, unchanged. */
    public static Bundle of(String name) {
        Path dir = Path.of("src/test/resources/plugins", name);
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.filter(Files::isRegularFile).sorted().toList()) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no test plugin " + name);
        }
        return new Bundle(files);
    }

    /** A random plugin id, so that tests sharing the database never meet. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public Bundle id(String id) {
        return configLine("id", id);
    }

    public Bundle build(String buildNumber) {
        return configLine("buildNumber", "\"" + buildNumber + "\"");
    }

    /** Replaces (or adds) a top-level key of plugin_config.yml. */
    public Bundle configLine(String key, String value) {
        String config = files.get("plugin_config.yml");
        String replaced = config.replaceAll("(?m)^" + key + ":.*$", key + ": " + value);
        if (replaced.equals(config) && !config.matches("(?s).*(?m)^" + key + ":.*")) {
            replaced = config + key + ": " + value + "\n";
        }
        files.put("plugin_config.yml", replaced);
        return this;
    }

    public Bundle with(String path, String content) {
        files.put(path, content);
        return this;
    }

    public Bundle without(String path) {
        files.remove(path);
        return this;
    }

    public Bundle replace(String path, String from, String to) {
        String content = files.get(path);
        if (content == null || !content.contains(from)) {
            throw new IllegalArgumentException(path + " does not contain " + from);
        }
        files.put(path, content.replace(from, to));
        return this;
    }

    public String file(String path) {
        return files.get(path);
    }

    /** Zips the files inside one top directory, as zipping a plugin's folder does. */
    public Bundle inDirectory(String name) {
        this.topDirectory = name;
        return this;
    }

    public byte[] zip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                String name = topDirectory == null ? file.getKey() : topDirectory + "/" + file.getKey();
                zip.putNextEntry(new ZipEntry(name));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
