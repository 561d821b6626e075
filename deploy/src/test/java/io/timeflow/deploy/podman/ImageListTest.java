package io.timeflow.deploy.podman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** images/images.txt: what it lists, and that Maven packages each listed module before the images are built. */
class ImageListTest {

    static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theFourServicesAreListedAsServices() throws Exception {
        assertThat(ImageList.read(PROJECT)).extracting(ImageList.App::name)
                .contains("staging-service", "snapshot-service", "plugin-service", "backup-service");
        assertThat(ImageList.read(PROJECT)).allSatisfy(a -> assertThat(Files.exists(PROJECT.resolve(a.module()).resolve("pom.xml")))
                .as("module %s exists", a.module()).isTrue());
    }

    @Test
    void everyListedModuleIsADependencyOfThisModuleSoItIsPackagedFirst() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        for (ImageList.App app : ImageList.read(PROJECT)) {
            String artifactId = artifactIdOf(PROJECT.resolve(app.module()).resolve("pom.xml"));
            assertThat(pom).as("deploy/pom.xml depends on %s (%s)", artifactId, app.module())
                    .contains("<artifactId>" + artifactId + "</artifactId>");
        }
    }

    @Test
    void theKafkaImageUsesTheKafkaVersionOfTheBuild() throws Exception {
        String pom = Files.readString(PROJECT.resolve("deploy/images/kafka/pom.xml"));
        Matcher m = Pattern.compile("<kafka.version>([^<]+)</kafka.version>").matcher(pom);
        assertThat(m.find()).isTrue();
        String clients = org.apache.kafka.common.utils.AppInfoParser.getVersion();
        assertThat(m.group(1)).as("the kafka-clients version the services use").isEqualTo(clients);
    }

    @Test
    void mistakesAreNamedWithTheirLine() {
        assertThatThrownBy(() -> ImageList.parse(List.of("# c", "agent quarkus-service")))
                .hasMessageContaining("line 2").hasMessageContaining("<name> <kind> <module>");
        assertThatThrownBy(() -> ImageList.parse(List.of("agent jar agent"))).hasMessageContaining("unknown kind 'jar'");
        assertThatThrownBy(() -> ImageList.parse(List.of("a quarkus-app a", "a quarkus-app b"))).hasMessageContaining("twice");
        assertThatThrownBy(() -> ImageList.parse(List.of("Agent quarkus-app agent"))).hasMessageContaining("lower case");
        assertThat(ImageList.parse(List.of("timeflow-agent  quarkus-app  agent")))
                .containsExactly(new ImageList.App("timeflow-agent", ImageList.Kind.QUARKUS_APP, "agent"));
    }

    private static String artifactIdOf(Path pom) throws Exception {
        String text = Files.readString(pom);
        int parentEnd = text.indexOf("</parent>");
        Matcher m = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(text.substring(Math.max(0, parentEnd)));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
