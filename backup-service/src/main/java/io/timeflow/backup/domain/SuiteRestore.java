package io.timeflow.backup.domain;

import io.timeflow.platform.jobs.JobRecord;
import io.timeflow.platform.jobs.JobState;
import io.timeflow.platform.json.JsonColumns;
import io.timeflow.platform.problem.Warning;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A restore of the whole suite from a backup archive (not a dSource's restore into its staging database): verify,
 * quiesce, safety backup, load beside the live schemas, swap, resume.
 */
@Entity
@Table(name = "restore")
public class SuiteRestore extends JobRecord {

    @Column(name = "backup_id", nullable = false)
    private UUID backupId;

    @Column(name = "safety_backup_id")
    private UUID safetyBackupId;

    @Column(name = "backup_version")
    private String backupVersion;

    @Column(name = "running_version")
    private String runningVersion;

    private Boolean upgraded;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String schemas;

    @Column(name = "swapped_at")
    private Instant swappedAt;

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

    @Version
    private long version;

    protected SuiteRestore() {
    }

    public SuiteRestore(UUID id, UUID backupId, String requestedBy, String backupVersion, String runningVersion, Instant now) {
        super(id, requestedBy, now);
        this.backupId = backupId;
        this.backupVersion = backupVersion;
        this.runningVersion = runningVersion;
    }

    public void started(Instant at) {
        begin(at);
    }

    public void safetyBackup(UUID id) {
        safetyBackupId = id;
    }

    public void succeeded(Instant at, boolean upgraded, List<String> schemas) {
        end(JobState.SUCCEEDED, at);
        this.upgraded = upgraded;
        this.schemas = JsonColumns.write(schemas);
    }

    public void failed(Instant at, String code, String message) {
        end(JobState.FAILED, at);
        errorCode = code;
        errorMessage = message;
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

    @Override
    public String kind() {
        return JobKind.RESTORE;
    }

    public UUID backupId() {
        return backupId;
    }

    public UUID safetyBackupId() {
        return safetyBackupId;
    }

    public String backupVersion() {
        return backupVersion;
    }

    public String runningVersion() {
        return runningVersion;
    }

    public Boolean upgraded() {
        return upgraded;
    }

    public List<String> schemas() {
        return JsonColumns.list(schemas, String.class);
    }

    public Instant swappedAt() {
        return swappedAt;
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
}
