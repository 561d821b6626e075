package io.timeflow.plugin.bundle;

import io.timeflow.plugin.domain.PluginProblem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads a plugin bundle: a zip of the plugin's directory as its author keeps it, with
 * {@code plugin_config.yml} at the top (or in the one directory at the top), the schema file and
 * the Python sources it names. Nothing is written to disk; sizes and entry counts are bounded;
 * paths that would leave the bundle are refused. Checks what can be checked without running code;
 * loading the sources is the sandbox's job.
 */
public final class BundleReader {

    private final long maxUncompressedBytes;
    private final int maxEntries;

    public BundleReader(long maxUncompressedBytes, int maxEntries) {
        this.maxUncompressedBytes = maxUncompressedBytes;
        this.maxEntries = maxEntries;
    }

    /**
     * Reads and checks the bundle.
     *
     * @throws BundleRejectedException naming each problem's file and line
     */
    public PluginBundle read(byte[] zip) {
        Map<String, byte[]> files = unzip(zip);
        String root = findRoot(files);
        Map<String, byte[]> plugin = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            if (e.getKey().startsWith(root)) {
                plugin.put(e.getKey().substring(root.length()), e.getValue());
            }
        }
        PluginConfig config = PluginConfigReader.read(text(PluginConfig.FILE, plugin.get(PluginConfig.FILE)));

        List<BundleProblem> problems = new ArrayList<>();
        byte[] schemaBytes = plugin.get(config.schemaFile());
        if (schemaBytes == null) {
            problems.add(BundleProblem.at(PluginConfig.FILE, config.lineOf("schemaFile"),
                    "schemaFile names " + config.schemaFile() + ", which is not in the bundle"));
        }
        String prefix = config.srcDir().isEmpty() ? "" : config.srcDir() + "/";
        TreeMap<String, String> sources = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : plugin.entrySet()) {
            if (e.getKey().startsWith(prefix) && e.getKey().endsWith(".py")) {
                sources.put(e.getKey().substring(prefix.length()), text(e.getKey(), e.getValue()));
            }
        }
        if (sources.isEmpty()) {
            problems.add(BundleProblem.at(PluginConfig.FILE, config.lineOf("srcDir"),
                    "srcDir names " + (config.srcDir().isEmpty() ? "the plugin's directory" : config.srcDir())
                            + ", which holds no Python file in the bundle"));
        } else {
            String modulePath = config.entryModule().replace('.', '/');
            if (!sources.containsKey(modulePath + ".py") && !sources.containsKey(modulePath + "/__init__.py")) {
                problems.add(BundleProblem.at(PluginConfig.FILE, config.lineOf("entryPoint"),
                        "entryPoint names module " + config.entryModule() + ", but neither " + prefix + modulePath
                                + ".py nor " + prefix + modulePath + "/__init__.py is in the bundle"));
            }
        }
        if (!problems.isEmpty()) {
            throw new BundleRejectedException(PluginProblem.INVALID_BUNDLE, problems);
        }
        PluginSchemaFile schema = PluginSchemaFile.read(config.schemaFile(), text(config.schemaFile(), schemaBytes));
        return new PluginBundle(config, schema, sources, zip);
    }

    private Map<String, byte[]> unzip(byte[] zip) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (++entries > maxEntries) {
                    throw rejected("has more than " + maxEntries + " entries");
                }
                String name = entry.getName().replace('\\', '/');
                if (name.startsWith("/") || name.matches("^[A-Za-z]:.*") || List.of(name.split("/")).contains("..")) {
                    throw rejected("holds a path that leaves the plugin's directory: " + name);
                }
                if (entry.isDirectory() || name.startsWith("__MACOSX/") || name.contains("/__pycache__/")
                        || name.startsWith("__pycache__/")) {
                    continue;
                }
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                byte[] chunk = new byte[8192];
                int n;
                while ((n = in.read(chunk)) > 0) {
                    total += n;
                    if (total > maxUncompressedBytes) {
                        throw rejected("is larger than " + maxUncompressedBytes + " bytes uncompressed");
                    }
                    content.write(chunk, 0, n);
                }
                if (files.put(name, content.toByteArray()) != null) {
                    throw rejected("holds " + name + " twice");
                }
            }
        } catch (ZipException e) {
            throw rejected("is not a readable zip archive");
        } catch (IOException e) {
            throw rejected("cannot be read");
        }
        if (files.isEmpty()) {
            throw rejected("is not a zip archive of a plugin's directory (it holds no files)");
        }
        return files;
    }

    /** Where plugin_config.yml is: at the top, or in the single directory at the top. */
    private static String findRoot(Map<String, byte[]> files) {
        if (files.containsKey(PluginConfig.FILE)) {
            return "";
        }
        Set<String> roots = new TreeSet<>();
        for (String name : files.keySet()) {
            int slash = name.indexOf('/');
            if (slash > 0 && name.substring(slash + 1).equals(PluginConfig.FILE)) {
                roots.add(name.substring(0, slash + 1));
            }
        }
        if (roots.size() == 1) {
            return roots.iterator().next();
        }
        String why = roots.isEmpty()
                ? "is missing: the bundle must hold plugin_config.yml at its top or in its one top directory"
                : "is found in several directories (" + String.join(", ", roots) + "); zip one plugin's directory";
        throw new BundleRejectedException(PluginProblem.INVALID_BUNDLE, BundleProblem.inFile(PluginConfig.FILE, why));
    }

    private static String text(String file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BundleRejectedException(PluginProblem.INVALID_BUNDLE,
                    BundleProblem.inFile(file, "is not UTF-8 text"));
        }
    }

    private static BundleRejectedException rejected(String what) {
        return new BundleRejectedException(PluginProblem.INVALID_BUNDLE,
                BundleProblem.inFile("(bundle)", "the upload " + what));
    }
}
