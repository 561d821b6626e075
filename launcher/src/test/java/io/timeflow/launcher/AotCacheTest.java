package io.timeflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.timeflow.testing.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AOT cache rules: made by the build's training step beside the build, read by a start, stale after a rebuild. */
class AotCacheTest {

    @TempDir
    Path project;

    @Test
    void aStartReadsTheCacheTheTrainingRecordedAndNeverRecordsOne() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "AOT caches need JDK 25");
        Path app = packaged("staging");
        AotCache cache = AotCache.forApp(project, "staging", app).orElseThrow();

        assertThat(cache.file().getParent()).isEqualTo(project.resolve("target/aot"));
        assertThat(cache.recordOption()).isEqualTo("-XX:AOTCacheOutput=" + cache.file());
        assertThat(cache.useOption()).isEqualTo("-XX:AOTCache=" + cache.file());
        assertThat(cache.exists()).isFalse();
        Files.createDirectories(cache.file().getParent());
        Files.writeString(cache.file(), "recorded");
        assertThat(cache.exists()).isTrue();
        assertThat(Training.cachesExist(options())).as("the other services have none yet").isFalse();
    }

    @Test
    void aRebuiltApplicationGetsANewCacheAndTheOldOneIsRemovedWhenItIsTrained() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "AOT caches need JDK 25");
        Path app = packaged("plugin");
        AotCache before = AotCache.forApp(project, "plugin", app).orElseThrow();
        Files.createDirectories(before.file().getParent());
        Files.writeString(before.file(), "recorded");

        Files.setLastModifiedTime(app.resolve("lib/app.jar"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        AotCache after = AotCache.forApp(project, "plugin", app).orElseThrow();
        assertThat(after.file()).isNotEqualTo(before.file());
        assertThat(after.exists()).isFalse();
        after.removeStale("plugin");
        assertThat(before.file()).doesNotExist();
    }

    @Test
    void theTrainingRunsOnItsOwnDataDirectoryAndFreePorts() throws Exception {
        packaged("staging");
        Options trained = Training.options(options());
        assertThat(trained.dataDir()).isEqualTo(project.resolve("target/aot/training"));
        List<Integer> bases = List.of(trained.httpPortBase(), trained.managementPortBase(), trained.kafkaPort());
        // blocks of ten below the kernel's ephemeral range, apart from one another
        assertThat(bases).doesNotHaveDuplicates()
                .allSatisfy(p -> assertThat(p).isBetween(Ports.FIRST, Ports.LAST - 10).satisfies(b -> assertThat(b % 10).isZero()));
        assertThat(Math.abs(trained.httpPortBase() - trained.managementPortBase())).isGreaterThanOrEqualTo(10);
        assertThat(Math.abs(trained.kafkaPort() - trained.httpPortBase())).isGreaterThanOrEqualTo(10);
        assertThat(Math.abs(trained.kafkaPort() - trained.managementPortBase())).isGreaterThanOrEqualTo(10);
        assertThat(trained.services()).containsExactly("staging", "snapshot", "plugin", "backup");
    }

    private Options options() {
        return Options.parse(List.of(), Map.of("TIMEFLOW_HOME", project.toString()));
    }

    private Path packaged(String service) throws Exception {
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        for (String s : List.of("staging", "snapshot", "plugin", "backup")) {
            Files.createDirectories(project.resolve(s + "-service"));
            Files.writeString(project.resolve(s + "-service/pom.xml"), "<project/>");
        }
        Path app = project.resolve(service + "-service/target/quarkus-app");
        Files.createDirectories(app.resolve("lib"));
        Files.writeString(app.resolve("lib/app.jar"), "jar");
        Files.writeString(app.resolve("quarkus-run.jar"), "jar");
        return app;
    }
}
