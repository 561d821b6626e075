package io.timeflow.plugin.domain;

import io.timeflow.plugin.persistence.ObjectRepository;
import java.util.UUID;

/**
 * What an upgrade made, or would make, of one object: a line of its per-object report.
 *
 * @param objectId            the object
 * @param type                its type
 * @param seq                 the order in which the upgrade processed it
 * @param outcome             MIGRATED, UNCHANGED, FAILED or NOT_RUN
 * @param name                its name per the new schema's nameField
 * @param sealedResultJson    the object as the new version holds it, sensitive values sealed (null when it failed)
 * @param sensitiveFieldsJson JSON pointers of its sensitive values (JSON array)
 * @param sentinelFieldsJson  JSON pointers of fields carrying a declared sentinel (JSON array, or null)
 * @param migrationId         the last migration it went through, or the one that failed
 * @param errorCode           why it failed: the name of an {@link UpgradeCode}
 * @param errorMessage        how it failed: object, migration, field path and rule, never a sensitive value
 */
public record ReportLine(UUID objectId, ObjectType type, long seq, String outcome, String name,
        String sealedResultJson, String sensitiveFieldsJson, String sentinelFieldsJson, String migrationId,
        String errorCode, String errorMessage) {

    /** The object failed at {@code migration} (null: after the migrations, or before any). */
    static ReportLine failed(ObjectRepository.Stored object, long seq, Migration migration, UpgradeCode code,
            String message) {
        return new ReportLine(object.id(), object.type(), seq, "FAILED", object.name(), null, null, null,
                migration == null ? null : migration.id().spelling(), code.name(), message);
    }

    /** The sandbox stopped the batch the object was in before its turn. */
    static ReportLine notRun(ObjectRepository.Stored object, long seq) {
        return new ReportLine(object.id(), object.type(), seq, "NOT_RUN", object.name(), null, null, null, null,
                UpgradeCode.NOT_RUN.name(), "not run: the sandbox stopped the batch this object was in");
    }

    /** The object as the new version holds it: MIGRATED through {@code lastMigration}, or UNCHANGED (null). */
    static ReportLine done(ObjectRepository.Stored object, long seq, String name, String sealedResultJson,
            String sensitiveFieldsJson, String sentinelFieldsJson, Migration lastMigration) {
        return new ReportLine(object.id(), object.type(), seq, lastMigration == null ? "UNCHANGED" : "MIGRATED", name,
                sealedResultJson, sensitiveFieldsJson, sentinelFieldsJson,
                lastMigration == null ? null : lastMigration.id().spelling(), null, null);
    }
}
