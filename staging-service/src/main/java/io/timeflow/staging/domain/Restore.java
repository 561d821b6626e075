package io.timeflow.staging.domain;

import io.timeflow.events.staging.BackupSet;
import io.timeflow.events.staging.BackupType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One restore into a staging database, reported in two steps: IN_PROGRESS, then COMPLETED or FAILED. */
@Entity
@Table(name = "restore")
public class Restore {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "RestoreStatus")
    public enum Status { IN_PROGRESS, COMPLETED, FAILED }

    @Id
    private UUID id;

    @Column(name = "dsource_id", nullable = false)
    private UUID dsourceId;

    @Column(nullable = false)
    private long number;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Enumerated(EnumType.STRING)
    @Column(name = "backup_type", nullable = false)
    private BackupType backupType;

    @Column(name = "backup_file_location")
    private String backupFileLocation;

    @Column(name = "first_lsn", precision = 25, scale = 0)
    private BigInteger firstLsn;

    @Column(name = "last_lsn", precision = 25, scale = 0)
    private BigInteger lastLsn;

    @Column(name = "checkpoint_lsn", precision = 25, scale = 0)
    private BigInteger checkpointLsn;

    @Column(name = "database_backup_lsn", precision = 25, scale = 0)
    private BigInteger databaseBackupLsn;

    @Column(name = "recovery_fork_guid")
    private UUID recoveryForkGuid;

    @Column(name = "backup_started_at")
    private Instant backupStartedAt;

    @Column(name = "backup_finished_at")
    private Instant backupFinishedAt;

    @Column(name = "source_read_only", nullable = false)
    private boolean sourceReadOnly;

    @Column(name = "replace_database", nullable = false)
    private boolean replace;

    @Column(nullable = false)
    private boolean norecovery;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "restore_move", joinColumns = @JoinColumn(name = "restore_id"))
    @OrderColumn(name = "position")
    private List<FileMove> moves = new ArrayList<>();

    @Column(columnDefinition = "text[]")
    private String[] files;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "failure_reason")
    private String failureReason;

    @Column(name = "reported_by")
    private String reportedBy;

    protected Restore() {
    }

    public Restore(UUID id, UUID dsourceId, long number, BackupSet backupSet, boolean replace, boolean norecovery,
            List<FileMove> moves, Instant startedAt, String reportedBy) {
        this.id = id;
        this.dsourceId = dsourceId;
        this.number = number;
        this.status = Status.IN_PROGRESS;
        this.backupType = backupSet.type();
        this.backupFileLocation = backupSet.backupFileLocation();
        this.firstLsn = backupSet.firstLsn();
        this.lastLsn = backupSet.lastLsn();
        this.checkpointLsn = backupSet.checkpointLsn();
        this.databaseBackupLsn = backupSet.databaseBackupLsn();
        this.recoveryForkGuid = backupSet.recoveryForkGuid() == null ? null : UUID.fromString(backupSet.recoveryForkGuid());
        this.backupStartedAt = backupSet.backupStartedAt();
        this.backupFinishedAt = backupSet.backupFinishedAt();
        this.sourceReadOnly = backupSet.sourceReadOnly();
        this.replace = replace;
        this.norecovery = norecovery;
        this.moves = new ArrayList<>(moves);
        this.startedAt = startedAt;
        this.reportedBy = reportedBy;
    }

    void complete(List<String> files, Instant finishedAt) {
        this.status = Status.COMPLETED;
        this.files = files.toArray(String[]::new);
        this.finishedAt = finishedAt;
    }

    /**
     * Completes the backup set with what msdb recorded after the restore (times, fork, checkpoint and
     * database-backup LSNs) where the start did not say; fields both name must already agree.
     */
    void supplement(BackupSet read) {
        if (checkpointLsn == null) {
            checkpointLsn = read.checkpointLsn();
        }
        if (databaseBackupLsn == null) {
            databaseBackupLsn = read.databaseBackupLsn();
        }
        if (recoveryForkGuid == null && read.recoveryForkGuid() != null) {
            recoveryForkGuid = UUID.fromString(read.recoveryForkGuid());
        }
        if (backupStartedAt == null) {
            backupStartedAt = read.backupStartedAt();
        }
        if (backupFinishedAt == null) {
            backupFinishedAt = read.backupFinishedAt();
        }
        if (backupFileLocation == null) {
            backupFileLocation = read.backupFileLocation();
        }
    }

    void fail(String reason, Instant failedAt) {
        this.status = Status.FAILED;
        this.failureReason = reason;
        this.finishedAt = failedAt;
    }

    public BackupSet backupSet() {
        return new BackupSet(backupType, backupFileLocation, firstLsn, lastLsn, checkpointLsn, databaseBackupLsn,
                recoveryForkGuid == null ? null : recoveryForkGuid.toString(), backupStartedAt, backupFinishedAt,
                sourceReadOnly);
    }

    public LsnChain.Candidate candidate() {
        return new LsnChain.Candidate(backupType, firstLsn, lastLsn, checkpointLsn, databaseBackupLsn, replace, norecovery);
    }

    public UUID id() {
        return id;
    }

    public UUID dsourceId() {
        return dsourceId;
    }

    public long number() {
        return number;
    }

    public Status status() {
        return status;
    }

    public BackupType backupType() {
        return backupType;
    }

    public boolean replace() {
        return replace;
    }

    public boolean norecovery() {
        return norecovery;
    }

    public List<FileMove> moves() {
        return List.copyOf(moves);
    }

    public List<String> files() {
        return files == null ? List.of() : List.of(files);
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public String failureReason() {
        return failureReason;
    }

    public String reportedBy() {
        return reportedBy;
    }
}
