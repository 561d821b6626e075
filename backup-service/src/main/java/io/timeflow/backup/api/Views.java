package io.timeflow.backup.api;

import io.timeflow.backup.domain.ArchiveService;
import io.timeflow.backup.domain.Backup;
import io.timeflow.backup.domain.SchemaVersion;
import io.timeflow.backup.domain.Step;
import io.timeflow.backup.domain.SuiteRestore;
import io.timeflow.backup.domain.Trigger;
import io.timeflow.backup.schedule.ScheduleService;
import io.timeflow.platform.jobs.JobState;
import io.timeflow.platform.problem.Warning;
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

    /** What every backup's answer says of its archive, as the backup requirements ask operators to be told. */
    public static final String ARCHIVE_NOTICE = "The archive holds the suite's secrets: its data-encryption keys, the"
            + " credentials in dSource hooks and plugin objects, API key digests, and personal data. It is encrypted, but"
            + " store it (and, apart from it, its passphrase) only where your access-control and encryption-at-rest"
            + " policy applies, and download it from a dedicated server rather than a person's machine.";

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
            Instant lastVerifiedAt,
            @Schema(description = "The installation whose store holds the archive: a restore brings the catalogue of the"
                    + " installation that took the backup along, whose archives are in that installation's store")
            UUID installationId,
            @Schema(description = "Bytes of table data the archive holds (absent for archives of earlier versions)")
            Long dataBytes,
            @Schema(description = "What the archive's schemas took on disk when it was taken: about what a restore needs free"
                    + " in the database (absent for archives of earlier versions)")
            Long databaseBytes,
            @Schema(description = "How the archive must be handled: it holds secrets", examples = ARCHIVE_NOTICE)
            String notice) {

        static BackupView of(Backup b) {
            return new BackupView(b.id(), b.trigger(), b.state(), b.requestedBy(), b.createdAt(), b.startedAt(),
                    b.finishedAt(), b.snapshotAt(), b.storage(), b.sizeBytes(), b.appVersion(), b.formatVersion(),
                    b.keyFingerprint(), b.dataKeyFingerprint(), b.totalRows(), b.schemas(), b.steps(), b.warnings(),
                    b.errorCode() == null ? null : new JobError(b.errorCode(), b.errorMessage()), b.scheduledFireTime(),
                    b.lastVerifiedAt(), b.installationId(), b.dataBytes(), b.databaseBytes(), ARCHIVE_NOTICE);
        }
    }

    @Schema(name = "KeyRing", description = "The suite's data-encryption keys (ids only, never a key) and their state in each service")
    public record KeyRingView(
            @Schema(description = "The installation key's id (timeflow.encryption.key): it wraps the other keys") String installationKeyId,
            @Schema(description = "The key new values are sealed with") String activeKeyId,
            @Schema(description = "Whether values are being moved off RETIRING keys") boolean rotationInProgress,
            List<KeyView> keys) {

        static KeyRingView of(io.timeflow.backup.domain.KeyRingService.Status s) {
            return new KeyRingView(s.installationKeyId(), s.activeKeyId(), s.rotationInProgress(),
                    s.keys().stream().map(KeyView::of).toList());
        }
    }

    @Schema(name = "DataKey", description = "A data-encryption key of the ring")
    public record KeyView(
            @Schema(description = "First 16 hex digits of the key's SHA-256: what sealed values and API-key digests name",
                    examples = "6f536bb3a10951c7") String keyId,
            @Schema(description = "ACTIVE (seals new values), RETAINED (opens what is sealed with it: a key a restore added),"
                    + " RETIRING (a rotation moves its values away), DIGEST_ONLY (only API keys made with it remain),"
                    + " RETIRED (nothing needs it; erased)") String state,
            boolean installationKey,
            @Schema(description = "Where it came from: the installation key, a rotation, or a restore of another installation's backup")
            String origin,
            Instant addedAt,
            List<KeySchemaView> services) {

        static KeyView of(io.timeflow.backup.domain.KeyRingService.Key k) {
            return new KeyView(k.keyId(), k.state().name(), k.installationKey(), k.origin(), k.addedAt(),
                    k.schemas().stream().map(s -> new KeySchemaView(s.schema(), s.state().name(), s.sealedValues(),
                            s.digests(), s.checkedAt(), s.retiredAt())).toList());
        }
    }

    @Schema(name = "DataKeyInSchema", description = "A key as one service's schema holds it")
    public record KeySchemaView(
            @Schema(examples = "staging") String schema,
            String state,
            @Schema(description = "Rows still holding values sealed with it, at the service's last re-seal pass") Long sealedValues,
            @Schema(description = "API keys still digested with it, at the last pass") Long digests,
            Instant checkedAt,
            Instant retiredAt) {
    }

    @Schema(name = "Verification", description = "An archive read whole: every chunk authenticated, every table's checksum and count checked")
    public record VerificationView(UUID backupId, boolean valid, String appVersion, Instant snapshotAt, long chunks,
            long tables, long rows, List<SchemaVersion> schemas) {
        static VerificationView of(ArchiveService.Verification v) {
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

        static RestoreView of(SuiteRestore r) {
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
