package io.timeflow.backup.api;

import io.timeflow.backup.domain.Backup;
import io.timeflow.backup.domain.BackupService;
import io.timeflow.backup.domain.JobState;
import io.timeflow.backup.domain.Restore;
import io.timeflow.backup.domain.SchemaVersion;
import io.timeflow.backup.domain.Step;
import io.timeflow.backup.domain.Trigger;
import io.timeflow.backup.domain.Warning;
import io.timeflow.backup.schedule.ScheduleService;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request and response bodies of backup-service's API. */
public final class Views {

    private Views() {
    }

    @Schema(name = "JobError", description = "Why a job failed: a stable code and a sentence")
    public record JobError(@Schema(examples = "ARCHIVE_TAMPERED") String code, String message) {
    }

    @Schema(name = "Backup", description = "A backup job and, once it succeeded, its archive")
    public record BackupView(
            UUID id,
            @Schema(description = "MANUAL, SCHEDULED, SAFETY (taken by a restore) or UPLOADED") Trigger trigger,
            JobState state,
            String requestedBy,
            Instant createdAt,
            Instant startedAt,
            Instant finishedAt,
            @Schema(description = "The moment of the consistent database snapshot the archive holds") Instant snapshotAt,
            @Schema(description = "local or s3") String storage,
            Long sizeBytes,
            @Schema(description = "The suite version that took it", examples = "0.1.0") String appVersion,
            Integer formatVersion,
            @Schema(description = "Fingerprint of the archive key") String keyFingerprint,
            @Schema(description = "Fingerprint of the suite's data-encryption key the archive carries (wrapped)")
            String dataKeyFingerprint,
            Long totalRows,
            List<SchemaVersion> schemas,
            List<Step> steps,
            List<Warning> warnings,
            JobError error,
            Instant scheduledFireTime,
            Instant lastVerifiedAt) {

        static BackupView of(Backup b) {
            return new BackupView(b.id(), b.trigger(), b.state(), b.requestedBy(), b.createdAt(), b.startedAt(),
                    b.finishedAt(), b.snapshotAt(), b.storage(), b.sizeBytes(), b.appVersion(), b.formatVersion(),
                    b.keyFingerprint(), b.dataKeyFingerprint(), b.totalRows(), b.schemas(), b.steps(), b.warnings(),
                    b.errorCode() == null ? null : new JobError(b.errorCode(), b.errorMessage()), b.scheduledFireTime(),
                    b.lastVerifiedAt());
        }
    }

    @Schema(name = "Verification", description = "An archive read whole: every chunk authenticated, every table's checksum and count checked")
    public record VerificationView(UUID backupId, boolean valid, String appVersion, Instant snapshotAt, long chunks,
            long tables, long rows, List<SchemaVersion> schemas) {
        static VerificationView of(BackupService.Verification v) {
            return new VerificationView(v.backupId(), true, v.appVersion(), v.snapshotAt(), v.chunks(), v.tables(), v.rows(),
                    v.schemas());
        }
    }

    @Schema(name = "VerificationRequest", description = "Optional: the passphrase of an archive made with another one")
    public record VerificationRequest(
            @Size(max = 1024) @Schema(description = "Passphrase of the archive, when not this installation's; never echoed")
            String passphrase) {
    }

    @Schema(name = "RestoreRequest", description = "Restore the suite from a stored backup: destructive, so confirm repeats the backup id")
    public record RestoreRequest(
            @NotNull @Schema(examples = "0b7e2c4a-5d1f-4e3a-9c8b-7a6d5e4f3a21") UUID backupId,
            @Schema(description = "Must repeat backupId: a restore replaces every service's data",
                    examples = "0b7e2c4a-5d1f-4e3a-9c8b-7a6d5e4f3a21") String confirm,
            @Size(max = 1024) @Schema(description = "Passphrase of the archive, when not this installation's; never echoed")
            String passphrase) {
    }

    @Schema(name = "Restore", description = "A restore job")
    public record RestoreView(
            UUID id,
            UUID backupId,
            JobState state,
            String requestedBy,
            Instant createdAt,
            Instant startedAt,
            Instant finishedAt,
            @Schema(description = "The backup taken just before the data was replaced") UUID safetyBackupId,
            @Schema(description = "The suite version the backup was taken with") String backupVersion,
            @Schema(description = "The suite version it was restored into") String runningVersion,
            @Schema(description = "Whether migrations brought the restored data to the running version") Boolean upgraded,
            List<String> schemas,
            List<Step> steps,
            List<Warning> warnings,
            JobError error) {

        static RestoreView of(Restore r) {
            return new RestoreView(r.id(), r.backupId(), r.state(), r.requestedBy(), r.createdAt(), r.startedAt(),
                    r.finishedAt(), r.safetyBackupId(), r.backupVersion(), r.runningVersion(), r.upgraded(), r.schemas(),
                    r.steps(), r.warnings(), r.errorCode() == null ? null : new JobError(r.errorCode(), r.errorMessage()));
        }
    }

    @Schema(name = "BackupScheduleRequest", description = "The backup schedule")
    public record ScheduleRequest(
            @NotNull @Schema(examples = "true") Boolean enabled,
            @NotBlank @Size(max = 120) @Schema(description = "Five-field cron (minute hour day-of-month month day-of-week) or Quartz's six or seven fields",
                    examples = "0 2 * * *") String cron,
            @Size(max = 64) @Schema(description = "IANA time zone of the cron (UTC when absent)", examples = "Europe/Paris")
            String timeZone,
            @Min(1) @Max(1000) @Schema(description = "Keep the newest N scheduled backups (10 when absent)", examples = "10")
            Integer keep) {
    }

    @Schema(name = "BackupSchedule", description = "The backup schedule as set")
    public record ScheduleView(boolean enabled, String cron, String timeZone, int keep, Instant updatedAt,
            String updatedBy, Instant nextRunAt) {
        static ScheduleView of(ScheduleService.Current c) {
            return new ScheduleView(c.enabled(), c.cron(), c.timeZone(), c.keep(), c.updatedAt(), c.updatedBy(),
                    c.nextRunAt());
        }
    }
}
