package io.timeflow.plugin.domain;

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
 * @param errorCode           why it failed
 * @param errorMessage        how it failed: object, migration, field path and rule, never a sensitive value
 */
public record ReportLine(UUID objectId, ObjectType type, long seq, String outcome, String name,
        String sealedResultJson, String sensitiveFieldsJson, String sentinelFieldsJson, String migrationId,
        String errorCode, String errorMessage) {
}
