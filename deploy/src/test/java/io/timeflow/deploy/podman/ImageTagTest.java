package io.timeflow.deploy.podman;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ImageTagTest {

    @Test
    void theTagIsTheVersionAndTheCommitAndSaysWhenTheTreeWasDirty() {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        assertThat(ImageTag.of("0.1.0-SNAPSHOT", "7daf16e0123456789abcdef", false, t).tag()).isEqualTo("0.1.0-SNAPSHOT-7daf16e01234");
        assertThat(ImageTag.of("0.1.0", "7daf16e0123456789abcdef", true, t).tag()).isEqualTo("0.1.0-7daf16e01234-dirty");
        assertThat(ImageTag.of("0.1.0+build.5", "abc", false, t).tag()).as("only characters a tag may hold")
                .isEqualTo("0.1.0_build.5-abc");
    }

    @Test
    void theSameCommitGivesTheSameReference() {
        Instant t = Instant.EPOCH;
        assertThat(ImageTag.of("1.0", "abcdef", false, t).ref("timeflow/staging-service"))
                .isEqualTo(ImageTag.of("1.0", "abcdef", false, t).ref("timeflow/staging-service"))
                .isEqualTo("localhost/timeflow/staging-service:1.0-abcdef");
    }

    @Test
    void chartQuantitiesBecomePodmanQuantities() {
        assertThat(Training.ChartDefaults.podmanQuantity("640Mi")).isEqualTo("640m");
        assertThat(Training.ChartDefaults.podmanQuantity("2Gi")).isEqualTo("2g");
    }

    @Test
    void theTrainingJvmSizesItselfAsInThePodWithRoomForTheCacheWriter() {
        Training.ChartDefaults small = new Training.ChartDefaults("-XX:MaxRAMPercentage=70", "640m");
        assertThat(small.trainingJavaOptions())
                .isEqualTo("-XX:MaxRAMPercentage=70 -XX:MaxRAM=671088640 -XX:+NeverActAsServerClassMachine");
        assertThat(small.trainingMemoryLimit()).isEqualTo("1664m");
        Training.ChartDefaults big = new Training.ChartDefaults("-XX:MaxRAMPercentage=60", "2g");
        assertThat(big.trainingJavaOptions()).isEqualTo("-XX:MaxRAMPercentage=60 -XX:MaxRAM=2147483648");
    }
}
