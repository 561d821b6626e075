package io.timeflow.backup.domain;

import io.timeflow.platform.jobs.JobRecord;
import io.timeflow.platform.jobs.JobState;
import io.timeflow.platform.json.JsonColumns;
import io.timeflow.platform.problem.Warning;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** A backup job and, once it succeeded, the catalogue entry of its archive. */
@Entity
@Table(name = "backup")
public class Backup extends JobRecord {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Trigger trigger;

    @Column(name = "snapshot_at")
    private Instant snapshotAt;

    private String storage;

    @Column(name = "storage_key")
    private String storageKey;

    @Column(name = "size_bytes")
    private Long sizeBytes;

    @Column(name = "app_version")
    private String appVersion;

    @Column(name = "format_version")
    private Integer formatVersion;

    @Column(name = "key_fingerprint")
    private String keyFingerprint;

    @Column(name = "data_key_fingerprint")
    private String dataKeyFingerprint;

    @Column(name = "total_rows")
    private Long totalRows;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String schemas;

    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    private String steps = "[]";

    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    private String warnings = "[]";

    @Column(name = "error_code")
    private String errorCode;

    @Column(name = "error_message")
    private String errorMessage;

    @Column(name = "scheduled_fire_time")
    private Instant scheduledFireTime;

    @Column(name = "scheduler_instance")
    private String schedulerInstance;

    @Column(name = "last_verified_at")
    private Instant lastVerifiedAt;

    @Column(name = "installation_id")
    private UUID installationId;

    @Column(name = "data_bytes")
    private Long dataBytes;

    @Column(name = "database_bytes")
    private Long databaseBytes;

    @Version
    private long version;

    protected Backup() {
    }

    public Backup(UUID id, Trigger trigger, String requestedBy, Instant now, UUID installationId) {
        super(id, requestedBy, now);
        this.installationId = installationId;
        this.trigger = trigger;
    }

    public void started(Instant at) {
        begin(at);
    }

    /** The archive is stored: the backup is usable. */
    public void succeeded(Instant at, Instant snapshotAt, String storage, String storageKey, long sizeBytes,
            String appVersion, int formatVersion, String keyFingerprint, String dataKeyFingerprint, long totalRows,
            List<SchemaVersion> schemas) {
        end(JobState.SUCCEEDED, at);
        this.snapshotAt = snapshotAt;
        this.storage = storage;
        this.storageKey = storageKey;
        this.sizeBytes = sizeBytes;
        this.appVersion = appVersion;
        this.formatVersion = formatVersion;
        this.keyFingerprint = keyFingerprint;
        this.dataKeyFingerprint = dataKeyFingerprint;
        this.totalRows = totalRows;
        this.schemas = JsonColumns.write(schemas);
    }

    public void failed(Instant at, String code, String message) {
        end(JobState.FAILED, at);
        errorCode = code;
        errorMessage = message;
    }

    public void skipped(Instant at, Warning why) {
        end(JobState.SKIPPED, at);
        warn(why);
    }

    public void firedBySchedule(Instant fireTime, String instance) {
        this.scheduledFireTime = fireTime;
        this.schedulerInstance = instance;
    }

    public void step(Step step) {
        List<Step> all = steps();
        all.add(step);
        steps = JsonColumns.write(all);
    }

    public void warn(Warning warning) {
        List<Warning> all = warnings();
        all.add(warning);
        warnings = JsonColumns.write(all);
    }

    public void verified(Instant at) {
        lastVerifiedAt = at;
    }

    @Override
    public String kind() {
        return JobKind.BACKUP;
    }

    public Trigger trigger() {
        return trigger;
    }

    public Instant snapshotAt() {
        return snapshotAt;
    }

    public String storage() {
        return storage;
    }

    public String storageKey() {
        return storageKey;
    }

    public Long sizeBytes() {
        return sizeBytes;
    }

    public String appVersion() {
        return appVersion;
    }

    public Integer formatVersion() {
        return formatVersion;
    }

    public String keyFingerprint() {
        return keyFingerprint;
    }

    public String dataKeyFingerprint() {
        return dataKeyFingerprint;
    }

    public Long totalRows() {
        return totalRows;
    }

    public List<SchemaVersion> schemas() {
        return JsonColumns.list(schemas, SchemaVersion.class);
    }

    public List<Step> steps() {
        return JsonColumns.list(steps, Step.class);
    }

    public List<Warning> warnings() {
        return JsonColumns.list(warnings, Warning.class);
    }

    public String errorCode() {
        return errorCode;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public Instant scheduledFireTime() {
        return scheduledFireTime;
    }

    public String schedulerInstance() {
        return schedulerInstance;
    }

    /** The installation whose store holds the archive (a restore may bring another installation's entries). */
    public UUID installationId() {
        return installationId;
    }

    /** Bytes of table data the archive holds (null for archives whose manifest does not say). */
    public Long dataBytes() {
        return dataBytes;
    }

    /** What the archive's schemas took on disk when it was taken (null when its manifest does not say). */
    public Long databaseBytes() {
        return databaseBytes;
    }

    /**
     * The archive of an entry that had none in this installation's store (it came with a restore from another
     * installation's catalogue, or was removed by hand) was uploaded: it is stored here now, under this
     * installation's archive key.
     */
    public void archiveSupplied(String storage, String storageKey, long sizeBytes, String keyFingerprint,
            String dataKeyFingerprint) {
        this.storage = storage;
        this.storageKey = storageKey;
        this.sizeBytes = sizeBytes;
        this.keyFingerprint = keyFingerprint;
        this.dataKeyFingerprint = dataKeyFingerprint;
    }

    /** Records what the archive's manifest says of its size. */
    public void archiveSizes(Long dataBytes, Long databaseBytes) {
        this.dataBytes = dataBytes;
        this.databaseBytes = databaseBytes;
    }

    public Instant lastVerifiedAt() {
        return lastVerifiedAt;
    }
}
