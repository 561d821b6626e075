package io.timeflow.backup.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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
 * Every schema's Flyway scripts, from the migration artifacts this service depends on (one per schema, each with an
 * {@code index.txt} its build wrote). A schema is built by the platform's scripts and then its own, exactly as the
 * service does at start, so a restore can recreate any schema at the version a backup was taken with and then bring
 * it to this version.
 */
public final class SuiteMigrations {

    /**
     * The suite's schemas, in the order a backup holds them and a restore replaces them (missing or not yet migrated
     * ones are skipped); backup-service's own ({@code backup}) is merged by a restore rather than swapped (ADR 0091).
     */
    public static final List<String> SCHEMAS = List.of("staging", "snapshot", "plugin", "backup");
    static final String PLATFORM = "platform";
    /** Where each origin's scripts are on the class path: the platform's, then each service schema's. */
    static final Map<String, String> LOCATIONS = locations();
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

    private static Map<String, String> locations() {
        Map<String, String> locations = new LinkedHashMap<>();
        locations.put(PLATFORM, "db/platform/");
        for (String schema : SCHEMAS) {
            locations.put(schema, "db/migration/" + schema + "/");
        }
        return Collections.unmodifiableMap(locations);
    }

    /** Loads the scripts of every schema from the class path. */
    public static SuiteMigrations bundled() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Map<String, List<Script>> scripts = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> location : LOCATIONS.entrySet()) {
                String origin = location.getKey();
                String dir = location.getValue();
                for (String file : read(loader, dir + "index.txt").split("\\R")) {
                    Matcher m = VERSIONED.matcher(file.trim());
                    if (!m.matches()) {
                        continue;
                    }
                    String sql = read(loader, dir + file.trim());
                    String version = MigrationVersion.fromVersion(m.group(1).replace('_', '.')).getVersion();
                    scripts.computeIfAbsent(origin, k -> new ArrayList<>()).add(new Script(origin, version, file.trim(), sql));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        scripts.values().forEach(list -> list.sort(Comparator.comparing(Script::migrationVersion)));
        return new SuiteMigrations(scripts);
    }

    private static String read(ClassLoader loader, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                // the migration artifacts are dependencies of this service: a missing one is a broken build
                throw new IllegalStateException("the migration script " + resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
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
