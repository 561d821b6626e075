package io.timeflow.plugin.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a context prints is kept up to a cap, in whole lines, so that no secret is kept in part. */
class CappedOutputUnitTest {

    @Test
    void belowTheCapEverythingIsKept() {
        CappedOutput output = new CappedOutput(64);
        write(output, "one\ntwo");
        assertThat(output.drain()).isEqualTo("one\ntwo");
        assertThat(output.drain()).isEmpty();
    }

    @Test
    void aLineCutByTheCapIsLeftOutWhole_soNoSecretIsKeptInPart() {
        CappedOutput output = new CappedOutput(20);
        write(output, "first line\n");
        write(output, "password: s3cr3t-value\n");
        assertThat(output.drain()).isEqualTo("first line\n[23 more bytes of output were cut]\n");
    }

    private static void write(CappedOutput output, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        output.write(bytes, 0, bytes.length);
    }
}
