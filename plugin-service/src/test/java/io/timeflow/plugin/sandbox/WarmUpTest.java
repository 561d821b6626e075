package io.timeflow.plugin.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The warm-up the service runs after it starts (ADR 0036): its own plugin migrates every generated
 * object without an error, in a sandbox like any plugin's. (Tests turn the warm-up off: here it is
 * run directly.)
 */
@QuarkusTest
class WarmUpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SandboxWarmUp warmUp;

    @Test
    void theWarmUpPluginMigratesEveryGeneratedObject() throws Exception {
        warmUp.warmedUp().toCompletableFuture().get(2, TimeUnit.MINUTES);
        assertThat(warmUp.runWarmUpPlugin(2_500)).isEqualTo(2_500);
    }

    @Test
    void generatedBatchesAreJsonArraysOfTheAskedSize() throws Exception {
        assertThat(JSON.readTree(SandboxWarmUp.warmUpBatch(1_000, 250)).size()).isEqualTo(250);
        assertThat(JSON.readTree(SandboxWarmUp.warmUpBatch(0, 1)).get(0).path("name").asText()).isEqualTo(" Instance 0 ");
    }
}
