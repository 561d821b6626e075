package io.timeflow.backup.domain;

import java.util.UUID;

/** A restore swapped the suite's data (fired after its commit): what follows the restored state reloads it. */
public record SuiteRestored(UUID restoreId, UUID backupId) {
}
