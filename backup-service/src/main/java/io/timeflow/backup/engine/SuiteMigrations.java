package io.timeflow.backup.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Every service's Flyway scripts, as the build copied them into this service (under
 * {@code db/suite/<platform|schema>/}, listed in {@code db/suite/index.txt}). A schema is built by
 * the platform's scripts and then its own, exactly as the service does at start, so a restore can
 * recreate any schema at the version a backup was taken with and then bring it to this version.
 */
public final class SuiteMigrations {

    static final String ROOT = "db/suite/";
    static final String PLATFORM = "platform";
    private static final Pattern VERSIONED = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__.+\\.sql");

    /** One versioned script: where it comes from (platform or a schema), its version and file name. */
    public record Script(String origin, String version, String fileName, String sql) {
        public MigrationVersion migrationVersion() {
            return MigrationVersion.fromVersion(version);
        }
    }

    private final Map<String, List<Script>> byOrigin;

    private SuiteMigrations(Map<String, List<Script>> byOrigin) {
        this.byOrigin = byOrigin;
    }

    /** Loads the bundled scripts from the class path. */
    public static SuiteMigrations bundled() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Map<String, List<Script>> scripts = new LinkedHashMap<>();
        try (InputStream index = loader.getResourceAsStream(ROOT + "index.txt")) {
            if (index == null) {
                throw new IllegalStateException("the suite's migration scripts are not bundled (db/suite/index.txt)");
            }
            for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                String entry = line.trim();
                if (entry.isEmpty()) {
                    continue;
                }
                int slash = entry.indexOf('/');
                String origin = entry.substring(0, slash);
                String file = entry.substring(slash + 1);
                Matcher m = VERSIONED.matcher(file);
                if (!m.matches()) {
                    continue;
                }
                try (InputStream in = loader.getResourceAsStream(ROOT + entry)) {
                    if (in == null) {
                        throw new IllegalStateException("bundled migration " + entry + " is missing");
                    }
                    String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    String version = MigrationVersion.fromVersion(m.group(1).replace('_', '.')).getVersion();
                    scripts.computeIfAbsent(origin, k -> new ArrayList<>()).add(new Script(origin, version, file, sql));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        scripts.values().forEach(list -> list.sort(Comparator.comparing(Script::migrationVersion)));
        return new SuiteMigrations(scripts);
    }

    /** Whether this build carries the scripts of {@code schema}. */
    public boolean knows(String schema) {
        return byOrigin.containsKey(schema);
    }

    /** The scripts that build {@code schema}: the platform's, then the schema's own, in version order. */
    public List<Script> scriptsOf(String schema) {
        List<Script> all = new ArrayList<>(byOrigin.getOrDefault(PLATFORM, List.of()));
        all.addAll(byOrigin.getOrDefault(schema, List.of()));
        all.sort(Comparator.comparing(Script::migrationVersion));
        return all;
    }

    /** The versions this build would apply to {@code schema}. */
    public List<String> versionsOf(String schema) {
        return scriptsOf(schema).stream().map(Script::version).toList();
    }

    /** The highest version of {@code schema} this build knows. */
    public Optional<String> latestVersion(String schema) {
        List<String> versions = versionsOf(schema);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    /**
     * Runs the scripts of {@code schema} that {@code include} accepts on {@code targetSchema} (which
     * must exist), as {@code ownerRole} so the service's role owns what they create.
     */
    public MigrateResult migrate(DataSource dataSource, String schema, String targetSchema, String ownerRole,
            Predicate<Script> include) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("timeflow-migrations-");
            for (Script s : scriptsOf(schema)) {
                if (include.test(s)) {
                    Files.writeString(dir.resolve(s.fileName()), s.sql(), StandardCharsets.UTF_8);
                }
            }
            Flyway flyway = Flyway.configure(SuiteMigrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .schemas(targetSchema)
                    .defaultSchema(targetSchema)
                    .createSchemas(false)
                    .locations("filesystem:" + dir.toAbsolutePath())
                    .initSql(ownerRole == null ? null : "set role " + Sql.ident(ownerRole))
                    .outOfOrder(true)
                    .ignoreMigrationPatterns("*:missing", "*:future")
                    .cleanDisabled(true)
                    .load();
            return flyway.migrate();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory of scripts; nothing secret in it
        }
    }
}
