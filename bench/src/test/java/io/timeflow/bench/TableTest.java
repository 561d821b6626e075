package io.timeflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a figure is read against its anchor, and what ./timeflow bench accepts. */
class TableTest {

    @TempDir
    Path dir;

    @Test
    void aboveOneIsBetterThanTheAnchorWhateverTheUnit() {
        Row throughput = new Row("t", "t", 2000, "reports/s", true, "", "previous", 125, "");
        Row time = new Row("s", "s", 8.6, "s", false, "", "pg_dump -Fc", 15.4, "");
        Row memory = new Row("m", "m", 300, "MiB", false, "", "previous", 272, "");
        assertThat(throughput.ratio()).isEqualTo(16.0);
        assertThat(time.ratio()).isCloseTo(1.79, org.assertj.core.data.Offset.offset(0.01));
        assertThat(memory.ratio()).isLessThan(1.0);
        assertThat(new Row("n", "n", 1, "s", false, "", null, Double.NaN, "").ratioText()).isEqualTo("-");
    }

    @Test
    void rowsWithoutAnAnchorOfTheirOwnAreReadAgainstThePreviousRunsFigure() throws Exception {
        Table earlier = new Table(Map.of("build", "abc1234", "date", "2026-12-05T10:00"));
        earlier.add(new Row("start.later", "later start", 29.5, "s", false, "29.5 s", null, Double.NaN, "< 15 s"));
        earlier.add(new Row("backup.throughput", "backup", 123, "MB/s", true, "", "pg_dump -Fc", 69, ""));
        Path previous = dir.resolve("previous.json");
        Http.JSON.writeValue(previous.toFile(), earlier.json());

        Table now = new Table(Map.of());
        now.add(new Row("start.later", "later start", 12.0, "s", false, "12.0 s", null, Double.NaN, "< 15 s"));
        now.add(new Row("backup.throughput", "backup", 160, "MB/s", true, "", "pg_dump -Fc", 70, ""));
        now.add(new Row("start.first", "first start", 14.0, "s", false, "14.0 s", null, Double.NaN, "< 30 s"));
        now.anchorOnPrevious(previous);

        assertThat(now.rows().get(0).anchor()).isEqualTo("previous (abc1234, 2026-12-05T10:00)");
        assertThat(now.rows().get(0).ratio()).isCloseTo(29.5 / 12.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(now.rows().get(1).anchor()).as("an anchor of the same run stays").isEqualTo("pg_dump -Fc");
        assertThat(now.rows().get(2).anchor()).as("no previous figure").isNull();
        assertThat(now.render()).contains("later start").contains("2.46×");
        assertThat(Files.exists(previous)).isTrue();
    }

    @Test
    void theScaleIsAFractionOfTheFullTableAndMistakesAreNamed() {
        BenchOptions o = BenchOptions.parse(List.of("--scale", "0.1", "--only", "suite,backup"), Map.of("TIMEFLOW_HOME", "/x"));
        assertThat(o.scale()).isEqualTo(0.1);
        assertThat(o.sections()).containsExactly("suite", "backup");
        assertThat(o.scaled(100, 20)).isEqualTo(20);
        assertThat(o.scaled(20_000, 1_000)).isEqualTo(2_000);
        assertThat(o.out()).isEqualTo(Path.of("/x/target/bench"));
        assertThat(o.previous()).isEqualTo(Path.of("/x/bench/previous.json"));
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--scale", "2"), Map.of()))
                .hasMessageContaining("at most 1.0");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--only", "web"), Map.of())).hasMessageContaining("unknown part 'web'");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--kafka-port", "x"), Map.of())).hasMessageContaining("port");
    }
}
