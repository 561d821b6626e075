package io.timeflow.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A JDK 25 ahead-of-time cache per service, made by a training step of the build ({@code ./timeflow build}, or
 * {@code ./timeflow up} when a build has none yet: {@code Training}), never when the suite stops. A run of the suite
 * only reads it ({@code -XX:AOTCache}). The file lives beside the build ({@code target/aot/}) and its name carries a
 * fingerprint of the application's jars, so a new build trains a new cache instead of using a stale one.
 */
record AotCache(Path file) {

    static Path directory(Path projectDir) {
        return projectDir.resolve("target").resolve("aot");
    }

    static Optional<AotCache> forApp(Path projectDir, String service, Path quarkusApp) {
        // TIMEFLOW_AOT_CACHE=off: the suite starts without its caches (to compare, or a one-off run)
        if (Runtime.version().feature() < 25 || !Files.isDirectory(quarkusApp)
                || "off".equalsIgnoreCase(System.getenv("TIMEFLOW_AOT_CACHE"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AotCache(directory(projectDir).resolve(service + "-" + fingerprint(quarkusApp)
                    + ".aot")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Removes the caches of earlier builds of this service. */
    void removeStale(String service) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            old.filter(p -> p.getFileName().toString().startsWith(service + "-") && !p.equals(file))
                    .forEach(p -> p.toFile().delete());
        }
    }

    boolean exists() {
        return Files.isRegularFile(file);
    }

    /** The option that starts a service from the cache. */
    String useOption() {
        return "-XX:AOTCache=" + file;
    }

    /** The option of the training run, which records the cache when the service exits. */
    String recordOption() {
        return "-XX:AOTCacheOutput=" + file;
    }

    private static String fingerprint(Path app) throws IOException {
        long hash = 17;
        try (Stream<Path> files = Files.walk(app)) {
            for (Path p : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                hash = hash * 31 + p.toString().hashCode();
                hash = hash * 31 + Files.size(p);
                hash = hash * 31 + Files.getLastModifiedTime(p).toMillis();
            }
        }
        return Long.toHexString(hash);
    }
}
