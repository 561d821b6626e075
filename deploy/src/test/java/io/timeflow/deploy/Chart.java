package io.timeflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The chart under {@code helm/timeflow}, rendered offline with the Helm library that helm-java
 * embeds: {@code helm template}, {@code helm lint} and the NOTES of a client-only dry-run install.
 *
 * <p>Two things helm-java's calls do not offer are done by hand, in a scratch copy of the chart:
 * <ul>
 *   <li>{@code helm template} here leaves hook resources (the database bootstrap Job and what it
 *       needs) out of its output. The scratch copy renames the {@code helm.sh/hook} annotations so
 *       those resources are rendered with the rest, and the output gets the real names back: what
 *       is checked and compared is what {@code helm template} on the command line prints.</li>
 *   <li>{@code helm lint} takes no values file: the scratch copy's values.yaml is the chart's
 *       values with the scenario's merged over them, the way Helm merges them.</li>
 * </ul>
 */
final class Chart {

    static final Path DIR = Path.of("helm/timeflow");
    static final String RELEASE = "timeflow";
    static final String NAMESPACE = "timeflow";
    static final String KUBE_VERSION = "1.31.0";

    private static final String HOOK = "helm.sh/hook";
    private static final String HOOK_STANDIN = "timeflow-chart-test.invalid/hook";
    private static final Path SCRATCH = Path.of("target/chart-scratch");

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
    static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

    private Chart() {
    }

    /** A set of values to render the chart with: the defaults alone, or a values file over them. */
    record Scenario(String name, Path valuesFile) {
        @Override
        public String toString() {
            return name;
        }

        boolean isDefault() {
            return valuesFile == null;
        }
    }

    static Scenario defaults() {
        return new Scenario("default", null);
    }

    /** The default values and every CI scenario under ci/ (these have golden manifests). */
    static List<Scenario> ciScenarios() {
        List<Scenario> all = new ArrayList<>();
        all.add(defaults());
        try (Stream<Path> files = Files.list(DIR.resolve("ci"))) {
            files.filter(p -> p.getFileName().toString().endsWith("-values.yaml")).sorted()
                    .forEach(p -> all.add(new Scenario(p.getFileName().toString().replace("-values.yaml", ""), p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** The values of every example under examples/ (Strimzi, CloudNativePG). */
    static List<Scenario> exampleScenarios() {
        try (Stream<Path> dirs = Files.list(DIR.resolve("examples"))) {
            return dirs.filter(Files::isDirectory).sorted()
                    .map(d -> new Scenario("example-" + d.getFileName(), d.resolve("values.yaml")))
                    .filter(s -> Files.exists(s.valuesFile()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Scenario> allScenarios() {
        List<Scenario> all = new ArrayList<>(ciScenarios());
        all.addAll(exampleScenarios());
        return all;
    }

    /** {@code helm template} of the scenario, hooks included. */
    static String template(Scenario scenario) {
        return RENDERED.computeIfAbsent(scenario.name(), n -> render(scenario, List.of()));
    }

    /** {@code helm template} with further values files over the scenario's (throws on refusal). */
    static String template(Scenario scenario, Path... moreValues) {
        return render(scenario, List.of(moreValues));
    }

    private static String render(Scenario scenario, List<Path> moreValues) {
        Path chart = scratchCopy("template-" + scenario.name() + "-" + Thread.currentThread().threadId(), null);
        TemplateCommand template = new Helm(chart).template()
                .withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
        if (scenario.valuesFile() != null) {
            template = template.withValuesFile(scenario.valuesFile().toAbsolutePath());
        }
        for (Path p : moreValues) {
            template = template.withValuesFile(p.toAbsolutePath());
        }
        return template.call().replace(HOOK_STANDIN, HOOK);
    }

    /** The rendered manifests of the scenario, one JSON tree per document. */
    static List<ObjectNode> manifests(Scenario scenario) {
        return parse(template(scenario));
    }

    static List<ObjectNode> parse(String multiDocument) {
        List<ObjectNode> docs = new ArrayList<>();
        try {
            Iterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(multiDocument);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc instanceof ObjectNode o && o.has("kind")) {
                    docs.add(o);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /** {@code helm lint} of the chart with the scenario's values. */
    static LintResult lint(Scenario scenario) {
        JsonNode values = effectiveValues(scenario);
        Path chart = scratchCopy("lint-" + scenario.name(), values);
        return new Helm(chart).lint().strict().call();
    }

    /** What {@code helm install} prints (NOTES.txt included), from a client-only dry run. */
    static String installNotes(Scenario scenario) {
        var install = new Helm(DIR).install().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION).clientOnly().dryRun();
        if (scenario.valuesFile() != null) {
            install = install.withValuesFile(scenario.valuesFile().toAbsolutePath());
        }
        return install.call().getOutput();
    }

    /** The chart's values.yaml with the scenario's values merged over it, as Helm merges them. */
    static JsonNode effectiveValues(Scenario scenario) {
        try {
            JsonNode base = YAML.readTree(DIR.resolve("values.yaml").toFile());
            if (scenario.valuesFile() == null) {
                return base;
            }
            JsonNode over = YAML.readTree(scenario.valuesFile().toFile());
            return merge(base.deepCopy(), over);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Helm's coalescing: maps merge key by key, a null removes the key, anything else replaces. */
    static JsonNode merge(JsonNode base, JsonNode over) {
        if (!(base instanceof ObjectNode b) || !(over instanceof ObjectNode o)) {
            return over == null || over.isMissingNode() ? base : over;
        }
        o.properties().forEach(e -> {
            JsonNode v = e.getValue();
            if (v.isNull()) {
                b.remove(e.getKey());
            } else if (b.get(e.getKey()) instanceof ObjectNode existing && v instanceof ObjectNode) {
                merge(existing, v);
            } else {
                b.set(e.getKey(), v.deepCopy());
            }
        });
        return b;
    }

    /** A copy of the chart with hook annotations renamed (and optionally other values). */
    private static Path scratchCopy(String name, JsonNode values) {
        Path target = SCRATCH.resolve(name).resolve("timeflow");
        try {
            if (Files.exists(target)) {
                try (Stream<Path> old = Files.walk(target)) {
                    old.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
                }
            }
            try (Stream<Path> files = Files.walk(DIR)) {
                for (Path source : files.toList()) {
                    Path dest = target.resolve(DIR.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(dest);
                    } else if (source.startsWith(DIR.resolve("templates"))) {
                        Files.writeString(dest, Files.readString(source, StandardCharsets.UTF_8).replace(HOOK, HOOK_STANDIN),
                                StandardCharsets.UTF_8);
                    } else {
                        Files.copy(source, dest);
                    }
                }
            }
            if (values != null) {
                YAML.writeValue(target.resolve("values.yaml").toFile(), values);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a values file for a test under target/ and returns its path. */
    static Path valuesFile(String name, String yaml) {
        try {
            Path p = SCRATCH.resolve("values").resolve(name + ".yaml");
            Files.createDirectories(p.getParent());
            Files.writeString(p, yaml, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
