package io.timeflow.plugin.domain;

/**
 * A data migration of a plugin version: its id, the object type it converts, and where the plugin
 * defines it (for messages).
 *
 * @param id       the migration id
 * @param type     the object type whose chain it belongs to
 * @param function the Python function's name
 * @param file     the file in the bundle, e.g. {@code src/migrations.py}
 * @param line     the line of its decorator
 */
public record Migration(MigrationId id, ObjectType type, String function, String file, int line) {

    /** E.g. {@code linked source migration 2019.11.20 (add_skip_option, src/migrations.py line 12)}. */
    public String describe() {
        return type.label() + " migration " + id.spelling() + " (" + function + ", " + file + " line " + line + ")";
    }
}
