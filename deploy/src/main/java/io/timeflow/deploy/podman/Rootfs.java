package io.timeflow.deploy.podman;

import io.timeflow.testing.Scratch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A root file system assembled from Debian packages, as they are (downloaded with {@code apt-get
 * download} from the machine's own package sources, unpacked with {@code dpkg-deb -x}; no maintainer
 * script runs), plus what Timeflow adds: the user 10001, a Java runtime linked with jlink, and a tar
 * archive with sorted names, numeric owners and one fixed time, so that the same inputs give the
 * same bytes.
 */
final class Rootfs {

    /** A Debian package that went into a root file system (for the SBOM). */
    record Package(String name, String version, String architecture) {
        String purl() {
            return "pkg:deb/debian/" + name + "@" + version + "?arch=" + architecture;
        }
    }

    static final int UID = 10001;

    /** Modules of the build's JDK left out of the runtime: development tools, desktop-only and compiler modules. */
    static final Set<String> LEFT_OUT = Set.of("jdk.compiler", "jdk.javadoc", "jdk.jshell", "jdk.jdeps", "jdk.jlink",
            "jdk.jpackage", "jdk.hotspot.agent", "jdk.jdi", "jdk.jdwp.agent", "jdk.jconsole", "jdk.editpad",
            "jdk.internal.ed", "jdk.internal.le", "jdk.internal.opt", "jdk.internal.md", "jdk.jartool", "jdk.jstatd",
            "jdk.graal.compiler", "jdk.graal.compiler.management", "jdk.internal.vm.ci", "jdk.accessibility",
            "jdk.unsupported.desktop", "jdk.jsobject", "jdk.incubator.vector");

    private final Podman shell;
    private final Path dir;
    private final List<Package> packages = new ArrayList<>();

    Rootfs(Podman shell, Path dir) throws IOException {
        this.shell = shell;
        this.dir = dir;
        Scratch.deleteTree(dir);
        Files.createDirectories(dir);
    }

    Path dir() {
        return dir;
    }

    List<Package> packages() {
        return List.copyOf(packages);
    }

    /** Downloads the packages named in the list files (one a line, # comments) and unpacks them here. */
    Rootfs debianPackages(Path downloads, Path... listFiles) throws IOException {
        List<String> names = new ArrayList<>();
        for (Path list : listFiles) {
            for (String line : Files.readAllLines(list)) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    names.add(t);
                }
            }
        }
        Scratch.deleteTree(downloads);
        Files.createDirectories(downloads);
        List<String> cmd = new ArrayList<>(List.of("apt-get", "download", "-q"));
        cmd.addAll(names);
        shell.execIn(downloads, cmd, Duration.ofMinutes(10));
        List<Path> debs;
        try (Stream<Path> files = Files.list(downloads)) {
            debs = files.filter(f -> f.toString().endsWith(".deb")).sorted().toList();
        }
        for (Path deb : debs) {
            String[] f = shell.exec(List.of("dpkg-deb", "--showformat=${Package} ${Version} ${Architecture}", "-W",
                    deb.toString()), Duration.ofMinutes(1)).strip().split(" ");
            packages.add(new Package(f[0], f[1], f[2]));
            shell.exec(List.of("dpkg-deb", "-x", deb.toString(), dir.toString()), Duration.ofMinutes(5));
        }
        if (packages.size() != names.size()) {
            throw new IOException("asked apt-get for " + names.size() + " packages, got " + packages.size() + ": " + packages);
        }
        for (String unused : List.of("usr/share/doc", "usr/share/man", "usr/share/info", "usr/share/lintian",
                "usr/share/locale", "usr/share/bug")) {
            Scratch.deleteTree(dir.resolve(unused));
        }
        return this;
    }

    /** /etc/passwd and /etc/group with root and timeflow (10001), and /tmp. */
    Rootfs users() throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/usr/sbin/nologin\n"
                + "timeflow:x:" + UID + ":" + UID + ":Timeflow:/opt/timeflow:/usr/sbin/nologin\n", StandardCharsets.UTF_8);
        Files.writeString(etc.resolve("group"), "root:x:0:\ntimeflow:x:" + UID + ":\n", StandardCharsets.UTF_8);
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        shell.exec(List.of("chmod", "1777", tmp.toString()), Duration.ofSeconds(30));
        return this;
    }

    /** A directory the user 10001 owns (a mount point whose volume it writes to). */
    Rootfs ownedDirectory(String path) throws IOException {
        Path d = Files.createDirectories(dir.resolve(path));
        shell.exec(List.of("chown", UID + ":" + UID, d.toString()), Duration.ofSeconds(30));
        return this;
    }

    /** A Java runtime linked from the JDK at {@code jdk}, under /opt/java. */
    Rootfs javaRuntime(Path jdk) throws IOException {
        String listed = shell.exec(List.of(jdk.resolve("bin/java").toString(), "--list-modules"), Duration.ofMinutes(1));
        List<String> modules = listed.lines().map(l -> l.strip().split("@")[0]).filter(m -> !m.isEmpty())
                .filter(m -> !LEFT_OUT.contains(m)).sorted().toList();
        Path out = dir.resolve("opt/java");
        Files.createDirectories(out.getParent());
        shell.exec(List.of(jdk.resolve("bin/jlink").toString(), "--add-modules", String.join(",", modules),
                "--strip-debug", "--no-man-pages", "--no-header-files", "--output", out.toString()), Duration.ofMinutes(10));
        return this;
    }

    /** Copies a directory tree into the root file system. */
    Rootfs copy(Path from, String to) throws IOException {
        Path target = dir.resolve(to);
        Files.createDirectories(target.getParent());
        shell.exec(List.of("cp", "-a", from.toString(), target.toString()), Duration.ofMinutes(5));
        return this;
    }

    /** The tar archive: names sorted, owners numeric, every time set to {@code time}. */
    Path tar(Path archive, Instant time) throws IOException {
        Files.deleteIfExists(archive);
        shell.exec(List.of("tar", "-C", dir.toString(), "--sort=name", "--numeric-owner", "--mtime=@" + time.getEpochSecond(),
                "--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime", "-cf", archive.toString(), "."),
                Duration.ofMinutes(10));
        return archive;
    }

}
