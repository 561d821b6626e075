package io.timeflow.deploy.podman;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The tag of every image of one build: {@code <project version>-<commit>} (12 hex digits), with
 * {@code -dirty} when the work tree has uncommitted changes. The same commit gives the same tag, and
 * the build stamps the commit's time into the images (created time, layer times), not the clock's.
 */
record ImageTag(String tag, String version, String commit, boolean dirty, Instant commitTime) {

    static ImageTag of(String version, String commit, boolean dirty, Instant commitTime) {
        String c = commit.length() > 12 ? commit.substring(0, 12) : commit;
        String t = (version + "-" + c + (dirty ? "-dirty" : "")).replaceAll("[^A-Za-z0-9_.-]", "_");
        if (t.length() > 128) {
            throw new IllegalArgumentException("tag longer than 128 characters: " + t);
        }
        return new ImageTag(t, version, commit, dirty, commitTime);
    }

    /** From git in the project directory; without git (a source archive) the commit is "nogit". */
    static ImageTag fromGit(Podman shell, Path projectDir, String version) throws IOException {
        Podman.Result head = shell.execute(List.of("git", "-C", projectDir.toString(), "rev-parse", "HEAD"), Duration.ofSeconds(30));
        if (!head.ok()) {
            return of(version, "nogit", true, Instant.EPOCH);
        }
        String commit = head.output().strip();
        String status = shell.exec(List.of("git", "-C", projectDir.toString(), "status", "--porcelain"),
                Duration.ofSeconds(60));
        long seconds = Long.parseLong(shell.exec(List.of("git", "-C", projectDir.toString(), "log", "-1", "--format=%ct"),
                Duration.ofSeconds(30)).strip());
        return of(version, commit, !status.isBlank(), Instant.ofEpochSecond(seconds));
    }

    String ref(String repository) {
        return "localhost/" + repository + ":" + tag;
    }
}
