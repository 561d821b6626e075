package io.timeflow.plugin.schema;

/**
 * One way an object breaks its schema, described without the object's value: the field path
 * (JSON pointer, {@code ""} for the object itself), the rule (the schema keyword) and what the
 * schema expects, taken from the schema only. Safe to show even when the field is sensitive.
 */
public record Violation(String path, String rule, String expectation) {

    /** E.g. {@code /port must be >= 1024 (rule minimum)}. */
    public String describe() {
        return (path.isEmpty() ? "the object" : path) + " " + expectation + " (rule " + rule + ")";
    }
}
