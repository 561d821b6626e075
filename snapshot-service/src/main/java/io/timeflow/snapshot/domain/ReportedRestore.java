package io.timeflow.snapshot.domain;

import io.timeflow.events.staging.BackupSet;
import io.timeflow.events.staging.BackupType;
import io.timeflow.snapshot.domain.rules.RestoredBackup;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/** A restore into a dSource's staging database, as staging-service reported it. */
@Entity
@Table(name = "restore")
public class ReportedRestore {

    public enum Status { IN_PROGRESS, COMPLETED, FAILED }

    @Id
    private String id;

    @Column(name = "dsource_id", nullable = false)
    private UUID dsourceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Enumerated(EnumType.STRING)
    @Column(name = "backup_type", nullable = false)
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

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "failure_reason")
    private String failureReason;

    @Column(name = "completion_seq")
    private Long completionSeq;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected ReportedRestore() {
    }

    public ReportedRestore(String id, UUID dsourceId, BackupType backupType, Instant recordedAt) {
        this.id = id;
        this.dsourceId = dsourceId;
        this.backupType = backupType;
        this.status = Status.IN_PROGRESS;
        this.recordedAt = recordedAt;
    }

    public void started(Instant startedAt) {
        if (status == Status.IN_PROGRESS) {
            this.startedAt = startedAt;
        }
    }

    public void completed(BackupSet set, Instant startedAt, Instant finishedAt, long completionSeq, Instant now) {
        this.status = Status.COMPLETED;
        this.backupType = set.type();
        this.backupFileLocation = set.backupFileLocation();
        this.firstLsn = decimal(set.firstLsn());
        this.lastLsn = decimal(set.lastLsn());
        this.checkpointLsn = decimal(set.checkpointLsn());
        this.databaseBackupLsn = decimal(set.databaseBackupLsn());
        this.recoveryForkGuid = set.recoveryForkGuid();
        this.backupStartedAt = set.backupStartedAt();
        this.backupFinishedAt = set.backupFinishedAt();
        this.sourceReadOnly = set.sourceReadOnly();
        this.startedAt = startedAt;
        this.finishedAt = finishedAt;
        this.completionSeq = completionSeq;
        this.recordedAt = now;
    }

    public void failed(BackupType type, String reason, Instant startedAt, Instant failedAt, Instant now) {
        this.status = Status.FAILED;
        this.backupType = type;
        this.failureReason = reason;
        this.startedAt = startedAt;
        this.finishedAt = failedAt;
        this.recordedAt = now;
    }

    public RestoredBackup asBackup() {
        return new RestoredBackup(id, backupType, backupFileLocation, integer(firstLsn), integer(lastLsn),
                integer(checkpointLsn), integer(databaseBackupLsn), recoveryForkGuid, backupStartedAt, backupFinishedAt,
                sourceReadOnly);
    }

    static BigDecimal decimal(BigInteger v) {
        return v == null ? null : new BigDecimal(v);
    }

    static BigInteger integer(BigDecimal v) {
        return v == null ? null : v.toBigIntegerExact();
    }

    public String id() {
        return id;
    }

    public UUID dsourceId() {
        return dsourceId;
    }

    public Status status() {
        return status;
    }

    public Instant recordedAt() {
        return recordedAt;
    }
}
