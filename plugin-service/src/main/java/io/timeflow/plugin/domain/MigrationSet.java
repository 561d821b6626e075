package io.timeflow.plugin.domain;

import io.timeflow.plugin.bundle.BundleProblem;
import io.timeflow.plugin.bundle.BundleRejectedException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data migrations of one plugin version, checked as the upgrade rules require: every id is one or
 * more integers separated by periods, and ids are unique across all object types ({@code "1.2"} and
 * {@code "01.02"} are the same id). Kept in id order.
 */
public final class MigrationSet {

    /** A migration as the plugin registered it, before its id is checked. */
    public record Declared(String id, String idType, String decorator, String function, String file, int line) {
    }

    private final List<Migration> migrations;

    private MigrationSet(List<Migration> migrations) {
        List<Migration> sorted = new ArrayList<>(migrations);
        sorted.sort(Comparator.comparing(Migration::id));
        this.migrations = List.copyOf(sorted);
    }

    public static MigrationSet empty() {
        return new MigrationSet(List.of());
    }

    /** Migrations already checked (e.g. read back from the database). */
    public static MigrationSet of(List<Migration> migrations) {
        return new MigrationSet(migrations);
    }

    /**
     * Checks what a plugin registered.
     *
     * @throws BundleRejectedException {@code INVALID_MIGRATION_ID} or {@code DUPLICATE_MIGRATION_ID},
     *                                 each problem at the file and line of the decorator
     */
    public static MigrationSet check(List<Declared> declared) {
        List<BundleProblem> invalid = new ArrayList<>();
        List<Migration> parsed = new ArrayList<>();
        for (Declared d : declared) {
            ObjectType type = ObjectType.byDecorator(d.decorator())
                    .orElseThrow(() -> new IllegalArgumentException("unknown migration decorator " + d.decorator()));
            if (d.id() == null) {
                invalid.add(BundleProblem.at(d.file(), d.line(), "the migration id of " + type.label() + " migration "
                        + d.function() + " must be a string such as \"2019.11.20\", not a " + d.idType()));
                continue;
            }
            try {
                parsed.add(new Migration(MigrationId.parse(d.id()), type, d.function(), d.file(), d.line()));
            } catch (MigrationId.InvalidMigrationIdException e) {
                invalid.add(BundleProblem.at(d.file(), d.line(), e.getMessage() + " of " + type.label()
                        + " migration " + d.function()));
            }
        }
        if (!invalid.isEmpty()) {
            throw new BundleRejectedException(PluginProblem.INVALID_MIGRATION_ID, invalid);
        }
        List<BundleProblem> duplicates = new ArrayList<>();
        Map<MigrationId, Migration> seen = new HashMap<>();
        for (Migration m : parsed) {
            Migration first = seen.putIfAbsent(m.id(), m);
            if (first != null) {
                duplicates.add(BundleProblem.at(m.file(), m.line(), "migration id \"" + m.id().spelling() + "\" of "
                        + m.describe() + " is the same id as \"" + first.id().spelling() + "\" of " + first.describe()
                        + ": migration ids must be unique across all object types"));
            }
        }
        if (!duplicates.isEmpty()) {
            throw new BundleRejectedException(PluginProblem.DUPLICATE_MIGRATION_ID, duplicates);
        }
        return new MigrationSet(parsed);
    }

    /** All migrations, in id order. */
    public List<Migration> all() {
        return migrations;
    }

    public Optional<Migration> find(MigrationId id) {
        return migrations.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    public boolean contains(MigrationId id) {
        return find(id).isPresent();
    }

    public int size() {
        return migrations.size();
    }
}
