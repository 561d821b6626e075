package io.timeflow.backup.domain;

import java.util.UUID;

/**
 * A restore reached a step (fired synchronously as a CDI event on the restore's thread): for logs,
 * metrics, and tests that stop a restore halfway.
 *
 * @param restoreId the restore
 * @param step      VERIFIED, QUIESCED, SAFETY_BACKUP_TAKEN, CREATE_SCHEMA, LOAD_TABLE, SEQUENCES, MIGRATE, SWAPPING
 * @param schema    the schema concerned, if any
 * @param table     the table concerned, if any
 */
public record RestoreProgress(UUID restoreId, String step, String schema, String table) {
}
