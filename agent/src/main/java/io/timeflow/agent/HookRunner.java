package io.timeflow.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs one hook: its command written to a script file and run by bash, sh or PowerShell ({@code pwsh},
 * only where it is installed), with the dSource's variables, a time limit, and its output (stdout and
 * stderr together) kept as its last lines, redacted. On Linux the hook runs in its own session under a
 * small watchdog that stops the whole process group if the agent dies, so an orphaned hook does not go on
 * restoring after its lease expired.
 */
public final class HookRunner {

    /** How a hook ended. {@code exitCode} is null when it was stopped (time limit, lease lost, agent stopping). */
    public record Result(String hookName, Integer exitCode, boolean timedOut, long durationMs, List<String> output,
            int linesDropped) {
    }

    private final Path workDir;
    private final int maxLines;
    private final Duration timeLimit;

    public HookRunner(Path workDir, int maxLines, Duration timeLimit) {
        this.workDir = workDir;
        this.maxLines = maxLines;
        this.timeLimit = timeLimit;
    }

    /** Whether a command is on the PATH. */
    public static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, command)) || Files.isExecutable(Path.of(d, command + ".exe"))) {
                return true;
            }
        }
        return false;
    }

    /** The shells this host can run hooks with. */
    public static List<String> shells() {
        List<String> shells = new ArrayList<>();
        if (onPath("bash")) {
            shells.add("BASH");
        }
        if (onPath("sh")) {
            shells.add("SH");
        }
        if (onPath("pwsh")) {
            shells.add("POWERSHELL");
        }
        return shells;
    }

    /**
     * Runs the hook and waits for it. {@code started} hears the process as soon as it runs (to record it);
     * {@code stop} set from another thread (lease lost, agent stopping) stops it.
     */
    public Result run(String name, String shell, String command, Map<String, String> env, Redactor redactor,
            Consumer<ProcessHandle> started, AtomicBoolean stop) throws IOException {
        Files.createDirectories(workDir);
        boolean powershell = "POWERSHELL".equals(shell);
        Path script = Files.createTempFile(workDir, "hook-", powershell ? ".ps1" : ".sh");
        Files.writeString(script, command.endsWith("\n") ? command : command + "\n", StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>();
        switch (shell) {
            case "POWERSHELL" -> {
                if (!onPath("pwsh")) {
                    Files.deleteIfExists(script);
                    return new Result(name, 127, false, 0, List.of("this staging host has no PowerShell (pwsh is not on "
                            + "the PATH): the hook '" + name + "' cannot run"), 0);
                }
                cmd.addAll(List.of("pwsh", "-NoProfile", "-NonInteractive", "-File", script.toString()));
            }
            case "SH" -> cmd.addAll(List.of("sh", script.toString()));
            default -> cmd.addAll(List.of("bash", script.toString()));
        }
        if (onPath("setsid") && onPath("bash")) {
            // own session and process group; a watchdog kills the group if the agent (this JVM) dies
            List<String> wrapped = new ArrayList<>(List.of("setsid", "bash", "-c",
                    "agent=$1; shift; ( while kill -0 \"$agent\" 2>/dev/null && kill -0 $$ 2>/dev/null; do sleep 1; done; "
                            + "kill -0 \"$agent\" 2>/dev/null || kill -KILL -- -$$ 2>/dev/null ) </dev/null >/dev/null 2>&1 & "
                            + "exec \"$@\"", "timeflow-hook", String.valueOf(ProcessHandle.current().pid())));
            wrapped.addAll(cmd);
            cmd = wrapped;
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(workDir.toFile());
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        started.accept(p.toHandle());
        Deque<String> lines = new ArrayDeque<>();
        int[] dropped = {0};
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.addLast(redactor.redact(line));
                        if (lines.size() > maxLines) {
                            lines.removeFirst();
                            dropped[0]++;
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "hook-output");
        reader.setDaemon(true);
        reader.start();
        boolean timedOut = false;
        long deadline = t0 + timeLimit.toNanos();
        try {
            while (true) {
                if (p.waitFor(200, TimeUnit.MILLISECONDS)) {
                    break;
                }
                if (stop.get()) {
                    kill(p);
                    break;
                }
                if (System.nanoTime() > deadline) {
                    timedOut = true;
                    kill(p);
                    break;
                }
            }
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(p);
        } finally {
            Files.deleteIfExists(script);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Integer exit = timedOut || stop.get() ? null : p.exitValue();
        List<String> out;
        synchronized (lines) {
            out = new ArrayList<>(lines);
        }
        if (timedOut) {
            out.add("[timeflow-agent] the hook ran past its time limit of " + timeLimit.toSeconds() + " s and was stopped");
        }
        return new Result(name, exit, timedOut, ms, out, dropped[0]);
    }

    /** Stops a process and everything it started. */
    public static void kill(Process p) {
        kill(p.toHandle());
    }

    public static void kill(ProcessHandle h) {
        h.descendants().forEach(ProcessHandle::destroyForcibly);
        h.destroyForcibly();
        try {
            h.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // gone or stuck; nothing more to do
        }
    }

    /** The recorded start of a process, to tell it from a later one with the same id. */
    public static String startOf(ProcessHandle h) {
        Optional<java.time.Instant> start = h.info().startInstant();
        return start.map(Object::toString).orElse("");
    }
}
