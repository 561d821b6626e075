package io.timeflow.deploy.podman;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The image definitions under images/, checked without a container engine. */
class ContainerfilesTest {

    static final Path DIR = Path.of("images");

    static List<Path> containerfiles() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.getFileName().toString().startsWith("Containerfile.")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containerfiles")
    void noImageComesFromARegistry(Path file) throws IOException {
        assertThat(instructions(file, "FROM")).isNotEmpty().allSatisfy(from ->
                assertThat(from).as("scratch, or an image this build made (a build argument)").matches("scratch|\\$\\{[A-Z_]+\\}.*"));
    }

    @Test
    void theImagesRunAsTheNumericNonRootUserTheChartExpects() throws IOException {
        JsonNode values = new ObjectMapper(new YAMLFactory()).readTree(Path.of("helm/timeflow/values.yaml").toFile());
        int chartUser = values.path("default").path("podSecurityContext").path("runAsUser").asInt();
        assertThat(chartUser).isEqualTo(Rootfs.UID);
        for (String name : List.of("Containerfile.base", "Containerfile.app", "Containerfile.postgresql")) {
            List<String> users = instructions(DIR.resolve(name), "USER");
            assertThat(users).as(name).isNotEmpty();
            assertThat(users.get(users.size() - 1)).as("%s: numeric, so that runAsNonRoot can be checked", name)
                    .isEqualTo(Rootfs.UID + ":" + Rootfs.UID);
        }
    }

    @Test
    void anApplicationStartsWithTheAotCacheOfItsImageAndWritesNoneAtStop() throws IOException {
        String start = Files.readString(DIR.resolve("start"));
        assertThat(start).contains("-XX:AOTCache=app.aot").contains("exec java").contains("$JAVA_OPTS")
                .contains("TIMEFLOW_AOT_CACHE").doesNotContain("AOTCacheOutput").doesNotContain("AOTMode=record");
        assertThat(instructions(DIR.resolve("Containerfile.app"), "ENTRYPOINT")).containsExactly("[\"/opt/timeflow/bin/start\"]");
        String trained = Files.readString(DIR.resolve("Containerfile.trained"));
        assertThat(instructions(DIR.resolve("Containerfile.trained"), "COPY")).contains("app.aot /opt/timeflow/app.aot");
        for (String label : List.of("title", "description", "version", "revision", "created", "base.name")) {
            assertThat(trained).contains("org.opencontainers.image." + label + "=");
        }
    }

    @Test
    void theApplicationImagesCarryTheChartsDefaults() throws IOException {
        JsonNode values = new ObjectMapper(new YAMLFactory()).readTree(Path.of("helm/timeflow/values.yaml").toFile());
        String app = Files.readString(DIR.resolve("Containerfile.app"));
        assertThat(app).contains("JAVA_OPTS=\"" + values.path("default").path("javaOptions").asText() + "\"")
                .contains("QUARKUS_HTTP_PORT=8080")
                .contains("QUARKUS_MANAGEMENT_PORT=" + values.path("default").path("managementPort").asInt());
    }

    @Test
    void theScriptsInTheImagesNeedOnlyTheShell() throws IOException {
        // the base has dash and no other tools: a script calling cat, mkdir or rm would fail in the container
        for (String script : List.of("start", "postgresql-start", "kafka-start")) {
            for (String line : Files.readAllLines(DIR.resolve(script))) {
                String code = line.strip();
                if (code.startsWith("#")) {
                    continue;
                }
                assertThat(code).as("%s: %s", script, code).doesNotContainPattern("(^|[;&|(]\\s*)(cat|mkdir|rm|hostname|sed|grep|awk) ");
            }
        }
    }

    /** Instruction arguments (continuation lines joined), in order. */
    static List<String> instructions(Path file, String keyword) throws IOException {
        List<String> found = new ArrayList<>();
        String joined = Files.readString(file).replaceAll("\\\\\\n", " ");
        for (String line : joined.split("\n")) {
            String t = line.strip();
            if (t.startsWith(keyword + " ")) {
                found.add(t.substring(keyword.length() + 1).strip());
            }
        }
        return found;
    }
}
