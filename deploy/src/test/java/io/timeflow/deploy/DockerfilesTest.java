package io.timeflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The image definitions (no container engine needed to check them): each service's
 * src/main/docker/Dockerfile.jvm, one for each of the four services.
 */
class DockerfilesTest {

    static List<Path> dockerfiles() throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> modules = Files.list(Path.of(".."))) {
            modules.filter(m -> m.getFileName().toString().endsWith("-service")).sorted()
                    .map(m -> m.resolve("src/main/docker/Dockerfile.jvm")).filter(Files::exists).forEach(all::add);
        }
        return all;
    }

    @org.junit.jupiter.api.Test
    void everyServiceHasOne() throws IOException {
        assertThat(dockerfiles()).extracting(p -> p.getParent().getParent().getParent().getParent().getFileName().toString())
                .containsExactly("backup-service", "plugin-service", "snapshot-service", "staging-service");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dockerfiles")
    void imageRunsAsANumericNonRootUser(Path dockerfile) throws IOException {
        List<String> users = instructions(dockerfile, "USER");
        assertThat(users).as("a USER instruction").isNotEmpty();
        String last = users.get(users.size() - 1);
        assertThat(last).as("numeric, so that Kubernetes can check runAsNonRoot").matches("\\d+(:\\d+)?");
        assertThat(Integer.parseInt(last.split(":")[0])).as("uid").isPositive();
        assertThat(Files.readString(dockerfile)).as("the chart's runAsUser").contains("-u 10001");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dockerfiles")
    void everyStageIsTheSameSmallJre25BaseNamedWithoutARegistryHost(Path dockerfile) throws IOException {
        String text = Files.readString(dockerfile);
        Matcher arg = Pattern.compile("(?m)^ARG JRE_IMAGE=(\\S+)$").matcher(text);
        assertThat(arg.find()).as("ARG JRE_IMAGE").isTrue();
        String image = arg.group(1);
        assertThat(image).as("a JRE (not a JDK) of Java 25").contains(":25-jre");
        assertThat(image.contains("/") ? image.substring(0, image.indexOf('/')) : "")
                .as("no registry host in the image name").doesNotContain(".").doesNotContain(":");
        assertThat(instructions(dockerfile, "FROM")).as("every stage on the same JRE, so the AOT cache fits the JVM that runs it")
                .allSatisfy(from -> assertThat(from).startsWith("${JRE_IMAGE}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dockerfiles")
    void theAotCacheIsRecordedInTheImageBuildAndUsedAtStart(Path dockerfile) throws IOException {
        String text = Files.readString(dockerfile);
        List<String> runs = instructions(dockerfile, "RUN");
        assertThat(String.join("\n", runs)).as("a training run that writes app.aot")
                .contains("-XX:AOTCacheOutput=app.aot").contains("-Dquarkus.appcds.generate=true");
        assertThat(instructions(dockerfile, "COPY")).as("the final stage takes the trained application")
                .anySatisfy(copy -> assertThat(copy).startsWith("--from=train"));
        List<String> entry = instructions(dockerfile, "ENTRYPOINT");
        assertThat(entry).hasSize(1);
        assertThat(entry.get(0)).contains("-XX:AOTCache=app.aot").contains("exec java").contains("$JAVA_OPTS")
                .contains("TIMEFLOW_AOT_CACHE");
        assertThat(text).as("ports of the chart").contains("QUARKUS_HTTP_PORT=8080").contains("QUARKUS_MANAGEMENT_PORT=9000");
    }

    /** Instruction arguments (continuation lines joined), in order. */
    private static List<String> instructions(Path dockerfile, String keyword) throws IOException {
        List<String> found = new ArrayList<>();
        String joined = Files.readString(dockerfile).replaceAll("\\\\\\n", " ");
        for (String line : joined.split("\n")) {
            String t = line.strip();
            if (t.startsWith(keyword + " ")) {
                found.add(t.substring(keyword.length() + 1).strip());
            }
        }
        return found;
    }
}
