package io.timeflow.plugin.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Why the migrations gave no result for one object, as the sandbox's runtime reported it: the kind of failure
 * decides the report's error code, the rest its message.
 *
 * @param kind      what went wrong
 * @param step      the index in the object's chain of the migration that failed
 * @param exception the Python exception's class, when the migration raised one
 * @param message   what the runtime or the exception said
 * @param file      the plugin file where it was raised, if known
 * @param line      the line there
 */
record MigrationError(Kind kind, int step, String exception, String message, String file, int line) {

    /** The runtime's kinds of failure ({@code runtime.py}). */
    enum Kind {
        /** The migration raised an exception of its own. */
        RAISED,
        /**
         * The sandbox refused the migration something (a file, a process, the environment, the host, native code,
         * exiting): the runtime decides by the exception's type or its own mark, never by its message.
         */
        REFUSED,
        /** The migration called a platform library the sandbox does not offer to migrations. */
        PLATFORM_LIBRARY,
        /** The migration returned something other than a dict. */
        NOT_A_DICT,
        /** The final result could not be written as JSON. */
        NOT_JSON,
        /** A kind this service does not know (a newer runtime): reported as a failed migration. */
        OTHER;

        static Kind of(String name) {
            for (Kind k : values()) {
                if (k.name().equals(name)) {
                    return k;
                }
            }
            return OTHER;
        }
    }

    /** Reads the runtime's {@code error} object; a missing step means the chain's last migration. */
    static MigrationError from(JsonNode error, int chainLength) {
        int step = Math.max(0, Math.min(error.path("step").asInt(chainLength - 1), chainLength - 1));
        return new MigrationError(Kind.of(error.path("kind").asText()), step, error.path("exception").asText(""),
                error.path("message").asText(""), error.hasNonNull("file") ? error.path("file").asText() : null,
                error.path("line").asInt());
    }

    /** The stable code of the report line and of the upgrade's failure. */
    UpgradeCode code() {
        return switch (kind) {
            case PLATFORM_LIBRARY, REFUSED -> UpgradeCode.SANDBOX_VIOLATION;
            case NOT_A_DICT, NOT_JSON -> UpgradeCode.MIGRATION_RESULT_INVALID;
            case RAISED, OTHER -> UpgradeCode.MIGRATION_FAILED;
        };
    }

    /** The migration that failed, from the object's chain. */
    Migration migration(List<Migration> chain) {
        return chain.get(step);
    }

    /** E.g. {@code linked source 42: migration 2019.11.20 (add_option, src/migrations.py line 12) raised KeyError: 'x' at ...}. */
    String describe(String subject, Migration m) {
        StringBuilder text = new StringBuilder(subject).append(": migration ").append(m.id().spelling())
                .append(" (").append(m.function()).append(", ").append(m.file()).append(" line ")
                .append(m.line()).append(") ");
        if (kind == Kind.RAISED || kind == Kind.REFUSED) {
            text.append("raised ").append(exception);
            if (!message.isEmpty()) {
                text.append(": ").append(message);
            }
            if (file != null) {
                text.append(" at ").append(file).append(" line ").append(line);
            }
        } else {
            text.append(message);
        }
        return text.toString();
    }
}
