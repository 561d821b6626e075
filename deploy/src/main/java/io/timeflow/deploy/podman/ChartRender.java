package io.timeflow.deploy.podman;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.timeflow.testing.Scratch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code helm template} of the chart with the Helm that helm-java embeds, hooks included: that
 * library's template leaves hook resources (the database bootstrap Job, the Secrets it needs) out of
 * its output, so a scratch copy of the chart has its hook annotations renamed, and the output gets
 * the real names back. What comes out is what {@code helm template} on the command line prints.
 */
final class ChartRender {

    static final String HOOK = "helm.sh/hook";
    /** The Kubernetes version the chart is rendered for (it asks for 1.27 or newer). */
    static final String KUBE_VERSION = "1.31.0";
    private static final String HOOK_STANDIN = "timeflow-kube.invalid/hook";

    private ChartRender() {
    }

    static String template(Path chart, Path scratch, String release, String namespace, List<Path> valuesFiles)
            throws IOException {
        Path copy = scratch.resolve("timeflow");
        Scratch.deleteTree(scratch);
        try (Stream<Path> files = Files.walk(chart)) {
            for (Path source : files.toList()) {
                Path dest = copy.resolve(chart.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else if (source.startsWith(chart.resolve("templates"))) {
                    Files.writeString(dest, Files.readString(source, StandardCharsets.UTF_8).replace(HOOK, HOOK_STANDIN),
                            StandardCharsets.UTF_8);
                } else {
                    Files.copy(source, dest);
                }
            }
        }
        TemplateCommand template = new Helm(copy).template().withName(release).withNamespace(namespace)
                .withKubeVersion(KUBE_VERSION);
        for (Path values : valuesFiles) {
            template = template.withValuesFile(values.toAbsolutePath());
        }
        return template.call().replace(HOOK_STANDIN, HOOK);
    }
}
