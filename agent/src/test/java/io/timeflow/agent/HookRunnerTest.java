package io.timeflow.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hooks run by a real bash, as on a Linux staging host. */
class HookRunnerTest {

    @TempDir
    Path dir;

    private final Redactor redactor = new Redactor(List.of("tfk_k_secret"), Map.of());

    @Test
    void aHookRunsWithTheDsourcesVariablesAndItsOutputAndExitCodeAreKept() throws Exception {
        HookRunner runner = new HookRunner(dir, 50, Duration.ofMinutes(1));
        Path marker = dir.resolve("marker");
        HookRunner.Result r = runner.run("restore", "BASH", """
                echo "mount is $STAGING_MOUNT_BASE"
                echo "to stderr" >&2
                echo ran > "$MARKER"
                exit 3""", Map.of("STAGING_MOUNT_BASE", "/mnt/x/DATA/DB", "MARKER", marker.toString()), redactor,
                p -> { }, new AtomicBoolean());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.timedOut()).isFalse();
        assertThat(r.output()).containsExactly("mount is /mnt/x/DATA/DB", "to stderr");
        assertThat(Files.readString(marker).trim()).isEqualTo("ran");
    }

    @Test
    void onlyTheLastLinesAreKeptAndSecretsAreRedacted() throws Exception {
        HookRunner runner = new HookRunner(dir, 3, Duration.ofMinutes(1));
        HookRunner.Result r = runner.run("noisy", "BASH", "for i in 1 2 3 4 5; do echo line $i; done; echo key tfk_k_secret",
                Map.of(), redactor, p -> { }, new AtomicBoolean());
        assertThat(r.exitCode()).isZero();
        assertThat(r.output()).containsExactly("line 4", "line 5", "key ****");
        assertThat(r.linesDropped()).isEqualTo(3);
    }

    @Test
    void aHookPastItsTimeLimitIsStoppedWithEverythingItStarted() throws Exception {
        HookRunner runner = new HookRunner(dir, 50, Duration.ofSeconds(1));
        AtomicReference<ProcessHandle> started = new AtomicReference<>();
        HookRunner.Result r = runner.run("slow", "BASH", "echo starting; sleep 60 & wait", Map.of(), redactor,
                started::set, new AtomicBoolean());
        assertThat(r.timedOut()).isTrue();
        assertThat(r.exitCode()).isNull();
        assertThat(r.output()).first().isEqualTo("starting");
        assertThat(r.output()).last().asString().contains("time limit");
        assertThat(started.get().isAlive()).isFalse();
        assertThat(started.get().descendants().filter(ProcessHandle::isAlive).count()).isZero();
    }

    @Test
    void aPowerShellHookOnAHostWithoutPwshFailsSayingSo() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(HookRunner.onPath("pwsh"), "pwsh is installed here");
        HookRunner.Result r = new HookRunner(dir, 50, Duration.ofMinutes(1)).run("ps", "POWERSHELL", "Write-Output hi",
                Map.of(), redactor, p -> { }, new AtomicBoolean());
        assertThat(r.exitCode()).isEqualTo(127);
        assertThat(r.output()).singleElement().asString().contains("pwsh is not on the PATH");
    }

    @Test
    void aHookIsStoppedWhenAskedFromAnotherThread() throws Exception {
        HookRunner runner = new HookRunner(dir, 50, Duration.ofMinutes(1));
        AtomicBoolean stop = new AtomicBoolean();
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            stop.set(true);
        });
        stopper.start();
        HookRunner.Result r = runner.run("long", "BASH", "sleep 30", Map.of(), redactor, p -> { }, stop);
        assertThat(r.exitCode()).isNull();
        assertThat(r.timedOut()).isFalse();
    }
}
