package io.timeflow.snapshot.domain;

import io.timeflow.events.staging.BackupSet;
import io.timeflow.events.staging.BackupType;
import io.timeflow.events.staging.DatabaseStateMode;
import io.timeflow.snapshot.domain.rules.RestoredBackup;
import io.timeflow.snapshot.domain.rules.StagingTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * A snapshot of a dSource's staging database, taken by SnapSync: the backup set it holds (none for
 * the empty database of the first snapshot), its LSNs and timeflow, when it was taken (shown in the
 * staging host's time zone) and whether the backup came from a read-only source.
 */
@Entity
@Table(name = "snapshot")
public class Snapshot {

    @Id
    private UUID id;

    @Column(name = "dsource_id", nullable = false)
    private UUID dsourceId;

    @Column(name = "timeflow_id", nullable = false)
    private UUID timeflowId;

    @Column(name = "snapsync_job_id", nullable = false)
    private UUID snapSyncJobId;

    @Column(name = "restore_id")
    private String restoreId;

    @Column(name = "backup_key")
    private String backupKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "backup_type")
    private BackupType backupType;

    @Column(name = "backup_file_location")
    private String backupFileLocation;

    @Column(name = "first_lsn", precision = 25)
    private BigDecimal firstLsn;

    @Column(name = "last_lsn", precision = 25)
    private BigDecimal lastLsn;

    @Column(name = "checkpoint_lsn", precision = 25)
    private BigDecimal checkpointLsn;

    @Column(name = "database_backup_lsn", precision = 25)
    private BigDecimal databaseBackupLsn;

    @Column(name = "recovery_fork_guid")
    private String recoveryForkGuid;

    @Column(name = "backup_started_at")
    private Instant backupStartedAt;

    @Column(name = "backup_finished_at")
    private Instant backupFinishedAt;

    @Column(name = "source_read_only", nullable = false)
    private boolean sourceReadOnly;

    @Column(name = "empty_database", nullable = false)
    private boolean emptyDatabase;

    @Enumerated(EnumType.STRING)
    @Column(name = "database_state_mode", nullable = false)
    private DatabaseStateMode mode;

    @Column(name = "taken_at", nullable = false)
    private Instant takenAt;

    @Column(name = "time_zone", nullable = false)
    private String timeZone;

    protected Snapshot() {
    }

    public Snapshot(UUID id, DSource dsource, UUID timeflowId, UUID snapSyncJobId, Optional<RestoredBackup> backup,
            Instant takenAt) {
        this.id = id;
        this.dsourceId = dsource.id();
        this.timeflowId = timeflowId;
        this.snapSyncJobId = snapSyncJobId;
        this.mode = dsource.mode();
        this.timeZone = dsource.timeZone();
        this.takenAt = takenAt;
        this.emptyDatabase = backup.isEmpty();
        backup.ifPresent(b -> {
            this.restoreId = b.restoreId();
            this.backupKey = b.key();
            this.backupType = b.type();
            this.backupFileLocation = b.backupFileLocation();
            this.firstLsn = ReportedRestore.decimal(b.firstLsn());
            this.lastLsn = ReportedRestore.decimal(b.lastLsn());
            this.checkpointLsn = ReportedRestore.decimal(b.checkpointLsn());
            this.databaseBackupLsn = ReportedRestore.decimal(b.databaseBackupLsn());
            this.recoveryForkGuid = b.recoveryForkGuid();
            this.backupStartedAt = b.backupStartedAt();
            this.backupFinishedAt = b.backupFinishedAt();
            this.sourceReadOnly = b.sourceReadOnly();
        });
    }

    /** The backup set it holds, in the contract's form; empty for the empty database of a first snapshot. */
    public Optional<BackupSet> backupSet() {
        if (emptyDatabase) {
            return Optional.empty();
        }
        return Optional.of(new BackupSet(backupType, backupFileLocation, ReportedRestore.integer(firstLsn),
                ReportedRestore.integer(lastLsn), ReportedRestore.integer(checkpointLsn), ReportedRestore.integer(databaseBackupLsn),
                recoveryForkGuid, backupStartedAt, backupFinishedAt, sourceReadOnly));
    }

    /** When it was taken, in the staging host's time zone. */
    public OffsetDateTime takenAtLocal() {
        return StagingTime.local(takenAt, timeZone);
    }

    public UUID id() {
        return id;
    }

    public UUID dsourceId() {
        return dsourceId;
    }

    public UUID timeflowId() {
        return timeflowId;
    }

    public UUID snapSyncJobId() {
        return snapSyncJobId;
    }

    public String restoreId() {
        return restoreId;
    }

    public String recoveryForkGuid() {
        return recoveryForkGuid;
    }

    public boolean sourceReadOnly() {
        return sourceReadOnly;
    }

    public boolean emptyDatabase() {
        return emptyDatabase;
    }

    public DatabaseStateMode mode() {
        return mode;
    }

    public Instant takenAt() {
        return takenAt;
    }

    public String timeZone() {
        return timeZone;
    }
}
