package io.timeflow.staging.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.timeflow.events.staging.BackupSet;
import io.timeflow.events.staging.BackupType;
import io.timeflow.staging.domain.Restore;
import io.timeflow.platform.problem.Warning;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Restore", description = "A restore into a staging database")
public record RestoreView(
        @Schema(examples = "7d9e8f10-1a2b-4c3d-9e4f-5a6b7c8d9e0f") UUID id,
        @Schema(examples = "3f2c9a4e-8b1d-4e57-a9c2-5d6e7f8a9b01") UUID dsourceId,
        @Schema(description = "1 for the dSource's first restore, then 2, 3...", examples = "42") long number,
        @Schema(examples = "COMPLETED") Restore.Status status,
        BackupSetView backupSet,
        @Schema(examples = "false") boolean replace,
        @Schema(examples = "true") boolean norecovery,
        List<FileMoveRequest> move,
        @Schema(description = "Database files written (once completed)",
                examples = "[\"C:\\\\Program Files\\\\Delphix\\\\DelphixConnector\\\\ec2197b2-e0c6-48d2-bd14-265e6fa9b5ab-Staging-1\\\\DATA\\\\DB\\\\sp.mdf\"]")
        List<String> files,
        @Schema(examples = "2026-11-23T08:00:00Z") Instant startedAt,
        @Schema(examples = "2026-11-23T08:01:00Z") Instant finishedAt,
        @Schema(examples = "Msg 3013: RESTORE LOG is terminating abnormally") String failureReason,
        @Schema(description = "Who reported the start", examples = "agent-sqlstage-01") String reportedBy,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) @Schema(description = "Warnings about the backup set (on the start's answer)")
        List<WarningView> warnings) {

    @Schema(name = "BackupSet", description = "The backup set a restore applied; LSNs as decimal strings")
    public record BackupSetView(
            @Schema(examples = "LOG") BackupType type,
            @Schema(examples = "\\\\10-43-89-18\\Backup\\sp_log_0800.trn") String backupFileLocation,
            @Schema(examples = "34000000021600001") String firstLsn,
            @Schema(examples = "34000000023200001") String lastLsn,
            @Schema(examples = "34000000021600001") String checkpointLsn,
            @Schema(examples = "34000000016800037") String databaseBackupLsn,
            @Schema(examples = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0") String recoveryForkGuid,
            @Schema(examples = "2026-11-23T07:50:00Z") Instant backupStartedAt,
            @Schema(examples = "2026-11-23T07:50:10Z") Instant backupFinishedAt,
            @Schema(examples = "false") boolean sourceReadOnly) {

        static BackupSetView of(BackupSet b) {
            return new BackupSetView(b.type(), b.backupFileLocation(), str(b.firstLsn()), str(b.lastLsn()),
                    str(b.checkpointLsn()), str(b.databaseBackupLsn()), b.recoveryForkGuid(), b.backupStartedAt(),
                    b.backupFinishedAt(), b.sourceReadOnly());
        }
    }

    static RestoreView of(Restore r, List<Warning> warnings) {
        return new RestoreView(r.id(), r.dsourceId(), r.number(), r.status(), BackupSetView.of(r.backupSet()), r.replace(),
                r.norecovery(), r.moves().stream().map(m -> new FileMoveRequest(m.logicalName(), m.physicalName())).toList(),
                r.files(), r.startedAt(), r.finishedAt(), r.failureReason(), r.reportedBy(),
                warnings.stream().map(WarningView::of).toList());
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
