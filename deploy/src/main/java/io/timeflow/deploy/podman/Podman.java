package io.timeflow.deploy.podman;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs podman (or another command) and keeps what it printed: every command and its output are
 * appended to a log file, and a failing command throws with its last lines.
 */
final class Podman {

    /** The outcome of one command. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private final Path log;

    Podman(Path log) throws IOException {
        this.log = log;
        Files.createDirectories(log.getParent());
    }

    Path log() {
        return log;
    }

    /** podman ARGS; throws unless it exits with 0. Returns what it printed on standard output. */
    String run(String... args) throws IOException {
        return run(List.of(args));
    }

    String run(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("podman");
        cmd.addAll(args);
        return exec(cmd, Duration.ofMinutes(30));
    }

    /** podman ARGS, whatever its exit code. */
    Result attempt(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("podman");
        cmd.addAll(List.of(args));
        return execute(cmd, Duration.ofMinutes(10));
    }

    /** Any command; throws unless it exits with 0. */
    String exec(List<String> cmd, Duration timeout) throws IOException {
        Result r = execute(cmd, timeout);
        if (!r.ok()) {
            throw new IOException("`" + String.join(" ", shortened(cmd)) + "` exited with " + r.exitCode() + ":\n"
                    + tail(r.output(), 25) + "\n(whole output in " + log + ")");
        }
        return r.output();
    }

    Result execute(List<String> cmd, Duration timeout) throws IOException {
        return execute(cmd, timeout, null);
    }

    /** Any command in a working directory; throws unless it exits with 0. */
    String execIn(Path dir, List<String> cmd, Duration timeout) throws IOException {
        Result r = execute(cmd, timeout, dir);
        if (!r.ok()) {
            throw new IOException("`" + String.join(" ", shortened(cmd)) + "` (in " + dir + ") exited with " + r.exitCode()
                    + ":\n" + tail(r.output(), 25) + "\n(whole output in " + log + ")");
        }
        return r.output();
    }

    Result execute(List<String> cmd, Duration timeout, Path dir) throws IOException {
        Path out = Files.createTempFile(log.getParent(), "cmd-", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Process p = pb.start();
            boolean done;
            try {
                done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + cmd.get(0));
            }
            if (!done) {
                p.destroyForcibly();
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            Files.writeString(log, "$ " + String.join(" ", shortened(cmd)) + "   # " + Instant.now() + "\n" + text
                            + (text.endsWith("\n") || text.isEmpty() ? "" : "\n"),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new Result(done ? p.exitValue() : -1, text);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    boolean imageExists(String ref) throws IOException {
        return attempt("image", "exists", ref).ok();
    }

    /** The image's size in bytes, as podman reports it (all layers, uncompressed). */
    long imageSize(String ref) throws IOException {
        return Long.parseLong(run("image", "inspect", "--format", "{{.Size}}", ref).strip());
    }

    /** Whether podman is installed and can start a container here (the settings of deploy/podman/setup-host). */
    static String problem(Path work) {
        try {
            Podman p = new Podman(work.resolve("podman-check.log"));
            Result version = p.execute(List.of("podman", "--version"), Duration.ofSeconds(30));
            if (!version.ok()) {
                return "podman does not answer: " + version.output().strip();
            }
            Result info = p.execute(List.of("podman", "info", "--format", "{{.Host.OCIRuntime.Name}}"), Duration.ofSeconds(60));
            if (!info.ok()) {
                return "podman info failed: " + tail(info.output(), 5);
            }
            return null;
        } catch (IOException e) {
            return "podman is not installed (" + e.getMessage() + ")";
        }
    }

    static String tail(String text, int lines) {
        String[] all = text.strip().split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
    }

    /** The command as logged: secrets never travel on a command line here, long class paths are cut. */
    private static List<String> shortened(List<String> cmd) {
        return cmd.stream().map(a -> a.length() > 300 ? a.substring(0, 120) + "...(" + a.length() + " chars)" : a).toList();
    }
}
