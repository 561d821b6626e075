package io.timeflow.plugin.bundle;

import io.timeflow.plugin.domain.BuildNumber;
import io.timeflow.plugin.domain.PluginProblem;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a plugin's {@code plugin_config.yml} as the Virtualization SDK defines it. Every problem
 * names the line. The YAML is composed into nodes only (no object construction), with aliases and
 * size bounded, so a hostile file can do nothing but be refused.
 */
public final class PluginConfigReader {

    /** Python 3 language tags of the SDK (vSDK 4 and later); GraalPy runs Python 3.12 code. */
    public static final Set<String> SUPPORTED_LANGUAGES = Set.of("PYTHON38", "PYTHON39", "PYTHON310", "PYTHON311",
            "PYTHON312");
    static final Set<String> HOST_TYPES = Set.of("UNIX", "WINDOWS");
    static final Set<String> PLUGIN_TYPES = Set.of("STAGED", "DIRECT");
    static final Pattern PLUGIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    static final Pattern ENTRY_POINT = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*):([A-Za-z_][A-Za-z0-9_]*)");
    /** Keys the SDK knows that this service has no use for; they are accepted and ignored. */
    static final Set<String> IGNORED_KEYS = Set.of("manualDiscovery", "defaultLocale", "rootSquashEnabled", "luaName",
            "minimumLuaVersion", "extendedStartStopHooks", "pluginName");

    private PluginConfigReader() {
    }

    /**
     * Reads the config.
     *
     * @throws BundleRejectedException naming each problem with its line
     */
    public static PluginConfig read(String text) {
        String file = PluginConfig.FILE;
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(20);
            options.setCodePointLimit(256 * 1024);
            options.setNestingDepthLimit(20);
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new BundleRejectedException(PluginProblem.INVALID_BUNDLE,
                    BundleProblem.at(file, line, "is not valid YAML: " + e.getProblem()));
        } catch (YAMLException e) {
            throw new BundleRejectedException(PluginProblem.INVALID_BUNDLE,
                    BundleProblem.inFile(file, "is not valid YAML"));
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new BundleRejectedException(PluginProblem.INVALID_BUNDLE, BundleProblem.at(file,
                    root == null ? 1 : line(root), "must be a mapping of keys such as id, buildNumber and entryPoint"));
        }

        List<BundleProblem> problems = new ArrayList<>();
        Map<String, Node> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problems.add(BundleProblem.at(file, line(tuple.getKeyNode()), "keys must be plain names"));
                continue;
            }
            if (values.containsKey(key.getValue())) {
                problems.add(BundleProblem.at(file, line(key), key.getValue() + " is given twice (first on line "
                        + lines.get(key.getValue()) + ")"));
                continue;
            }
            values.put(key.getValue(), tuple.getValueNode());
            lines.put(key.getValue(), line(key));
        }

        Fields f = new Fields(file, values, lines, problems);
        String id = f.string("id", true);
        if (id != null && !PLUGIN_ID.matcher(id).matches()) {
            f.problem("id", "must be a UUID or a name of letters, digits, '.', '_' and '-' (at most 100 characters)");
            id = null;
        }
        String name = f.string("name", false);
        String externalVersion = f.string("externalVersion", false);
        String legacyVersion = f.string("version", false);
        String build = f.string("buildNumber", true);
        BuildNumber buildNumber = null;
        if (build != null) {
            try {
                buildNumber = BuildNumber.parse(build);
            } catch (IllegalArgumentException e) {
                f.problem("buildNumber", e.getMessage());
            }
        }
        List<String> hostTypes = f.list("hostTypes");
        for (String hostType : hostTypes) {
            if (!HOST_TYPES.contains(hostType)) {
                f.problem("hostTypes", "must list UNIX and/or WINDOWS, not " + hostType);
            }
        }
        String pluginType = f.string("pluginType", true);
        if (pluginType != null && !PLUGIN_TYPES.contains(pluginType)) {
            f.problem("pluginType", "must be STAGED or DIRECT");
        }
        String language = f.string("language", true);
        String entryPoint = f.string("entryPoint", true);
        String entryModule = null;
        String entryObject = null;
        if (entryPoint != null) {
            var m = ENTRY_POINT.matcher(entryPoint);
            if (m.matches()) {
                entryModule = m.group(1);
                entryObject = m.group(2);
            } else {
                f.problem("entryPoint", "must be module:object, such as plugin_runner:plugin");
            }
        }
        String srcDir = f.path("srcDir");
        String schemaFile = f.path("schemaFile");
        for (String key : values.keySet()) {
            if (!Set.of("id", "name", "externalVersion", "version", "buildNumber", "hostTypes", "pluginType",
                    "language", "entryPoint", "srcDir", "schemaFile").contains(key) && !IGNORED_KEYS.contains(key)) {
                f.problem(key, key + " is not a key of a plugin config");
            }
        }
        if (!problems.isEmpty()) {
            throw new BundleRejectedException(PluginProblem.INVALID_BUNDLE, problems);
        }
        if (!SUPPORTED_LANGUAGES.contains(language) && !isPython2(language)) {
            throw new BundleRejectedException(PluginProblem.UNSUPPORTED_LANGUAGE,
                    BundleProblem.at(file, lines.get("language"), "language " + language
                            + " is not a language this service can run; supported: "
                            + SUPPORTED_LANGUAGES.stream().sorted().toList()));
        }
        String version = externalVersion != null ? externalVersion : legacyVersion != null ? legacyVersion : build;
        return new PluginConfig(id, name != null ? name : id, version, buildNumber, hostTypes, pluginType, language,
                entryModule, entryObject, srcDir, schemaFile, Map.copyOf(lines));
    }

    /**
     * A Python 2 language tag of the SDK (PYTHON27). Such a config reads, so that the sources can be
     * checked for the Python 2 code to point at; {@code PluginLoader} then refuses the bundle.
     */
    public static boolean isPython2(String language) {
        return language != null && language.toUpperCase(Locale.ROOT).startsWith("PYTHON2");
    }

    /** Why a Python 2 plugin is refused, for the problem at its language line. */
    public static String python2Refusal(String language) {
        return "language " + language + ": Python 2 plugins cannot run here: this service runs data migrations "
                + "with Python 3 (GraalPy); rebuild the plugin for Python 3 (Virtualization SDK 4.0.0 and later); "
                + "supported: " + SUPPORTED_LANGUAGES.stream().sorted().toList();
    }

    static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }

    /** Reads typed values out of the mapping, collecting problems. */
    private record Fields(String file, Map<String, Node> values, Map<String, Integer> lines,
            List<BundleProblem> problems) {

        void problem(String key, String message) {
            problems.add(BundleProblem.at(file, lines.getOrDefault(key, 1), key + ": " + message));
        }

        String string(String key, boolean required) {
            Node node = values.get(key);
            if (node == null) {
                if (required) {
                    problems.add(BundleProblem.at(file, 1, key + " is required"));
                }
                return null;
            }
            if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
                problem(key, "must be a non-empty value");
                return null;
            }
            return scalar.getValue().trim();
        }

        List<String> list(String key) {
            Node node = values.get(key);
            if (node == null) {
                problems.add(BundleProblem.at(file, 1, key + " is required"));
                return List.of();
            }
            if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
                problem(key, "must be a non-empty list");
                return List.of();
            }
            List<String> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                if (item instanceof ScalarNode scalar) {
                    items.add(scalar.getValue().trim());
                } else {
                    problem(key, "must list plain values");
                }
            }
            return items;
        }

        /** A path inside the bundle: relative, no {@code ..}, forward slashes, no trailing slash. */
        String path(String key) {
            String raw = string(key, true);
            if (raw == null) {
                return null;
            }
            String p = raw.replace('\\', '/');
            while (p.startsWith("./")) {
                p = p.substring(2);
            }
            while (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            if (p.startsWith("/") || p.matches("^[A-Za-z]:.*")) {
                problem(key, "must be relative to the directory of plugin_config.yml (a bundle has no absolute paths)");
                return null;
            }
            for (String part : p.split("/")) {
                if (part.equals("..")) {
                    problem(key, "must stay inside the plugin's directory");
                    return null;
                }
            }
            return p.equals(".") ? "" : p;
        }
    }
}
