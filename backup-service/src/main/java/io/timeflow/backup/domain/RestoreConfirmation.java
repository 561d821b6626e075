package io.timeflow.backup.domain;

import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.problem.ProblemException;
import java.util.List;
import java.util.Map;

/**
 * A restore replaces all of the suite's data, so the request must name the backup a second time in
 * {@code confirm}; without it, or with another id, nothing happens.
 */
public final class RestoreConfirmation {

    private RestoreConfirmation() {
    }

    /** @throws ProblemException 400 CONFIRMATION_REQUIRED naming the field */
    public static void require(String backupId, String confirm) {
        if (confirm == null || confirm.isBlank() || !confirm.trim().equalsIgnoreCase(backupId)) {
            String message = "a restore replaces every service's data: set confirm to the id of the backup to restore ("
                    + backupId + ")";
            throw new ProblemException(BackupProblem.CONFIRMATION_REQUIRED, message,
                    List.of(new Problem.FieldError("confirm", "must repeat the backup id " + backupId)),
                    Map.of("backupId", backupId));
        }
    }
}
