package io.timeflow.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A JDK 25 ahead-of-time cache per service, trained by real use: the first run of a build records
 * it ({@code -XX:AOTCacheOutput}, written when the service stops), later runs start from it
 * ({@code -XX:AOTCache}). The file name carries a fingerprint of the application's jars, so a new
 * build starts a new recording instead of using a stale cache.
 */
record AotCache(Path file) {

    static Optional<AotCache> forApp(Path dataDir, String service, Path quarkusApp) {
        // TIMEFLOW_AOT_CACHE=off: neither record nor use one (a test run that starts the suite once)
        if (Runtime.version().feature() < 25 || "off".equalsIgnoreCase(System.getenv("TIMEFLOW_AOT_CACHE"))) {
            return Optional.empty();
        }
        try {
            Path dir = dataDir.resolve("aot");
            Files.createDirectories(dir);
            String fingerprint = fingerprint(quarkusApp);
            try (Stream<Path> old = Files.list(dir)) {
                old.filter(p -> p.getFileName().toString().startsWith(service + "-")
                                && !p.getFileName().toString().startsWith(service + "-" + fingerprint))
                        .forEach(p -> p.toFile().delete());
            }
            return Optional.of(new AotCache(dir.resolve(service + "-" + fingerprint + ".aot")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    boolean exists() {
        return Files.isRegularFile(file);
    }

    String jvmOption() {
        return exists() ? "-XX:AOTCache=" + file : "-XX:AOTCacheOutput=" + file;
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
