package io.timeflow.plugin.bundle;

/**
 * One thing wrong with a plugin bundle, located in a file of the bundle (path relative to the
 * plugin's root directory, e.g. {@code src/migrations.py}) and, when known, a 1-based line.
 */
public record BundleProblem(String file, int line, String message) {

    public static BundleProblem at(String file, int line, String message) {
        return new BundleProblem(file, line, message);
    }

    public static BundleProblem inFile(String file, String message) {
        return new BundleProblem(file, 0, message);
    }

    /** {@code src/migrations.py line 12} or just the file. */
    public String where() {
        return line > 0 ? file + " line " + line : file;
    }

    /** {@code src/migrations.py:12}, as the field of a problem+json error. */
    public String field() {
        return line > 0 ? file + ":" + line : file;
    }

    @Override
    public String toString() {
        return where() + ": " + message;
    }
}
