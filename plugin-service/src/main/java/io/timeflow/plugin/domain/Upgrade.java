package io.timeflow.plugin.domain;

import io.timeflow.platform.jobs.JobRecord;
import io.timeflow.platform.jobs.JobState;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An upgrade job (or a dry run) of a plugin to the version of an uploaded bundle:
 * PENDING → RUNNING → SUCCEEDED | FAILED, with counts, the reason of a failure (never a sensitive
 * value) and what the migrations printed (redacted). Its per-object report is in {@code upgrade_object}.
 */
@Entity
@Table(name = "upgrade")
public class Upgrade extends JobRecord {

    @Column(name = "plugin_id", nullable = false)
    private String pluginId;

    @Column(name = "dry_run", nullable = false)
    private boolean dryRun;

    @Column(name = "from_version_id", nullable = false)
    private UUID fromVersionId;

    @Column(name = "from_version", nullable = false)
    private String fromVersion;

    @Column(name = "from_build", nullable = false)
    private String fromBuild;

    @Column(name = "to_version", nullable = false)
    private String toVersion;

    @Column(name = "to_build", nullable = false)
    private String toBuild;

    @Column(name = "to_version_id")
    private UUID toVersionId;

    @Basic(fetch = FetchType.LAZY)
    @Column
    private byte[] bundle;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String migrations;

    @Column(name = "objects_total", nullable = false)
    private long objectsTotal;

    @Column(name = "objects_done", nullable = false)
    private long objectsDone;

    @Column(name = "objects_failed", nullable = false)
    private long objectsFailed;

    @Column(name = "error_code")
    private String errorCode;

    @Column(name = "error_message")
    private String errorMessage;

    @Column
    private String output;

    @Version
    private long version;

    protected Upgrade() {
    }

    /** What is being upgraded from and to. */
    public record Versions(UUID fromVersionId, String fromVersion, String fromBuild, String toVersion,
            String toBuild) {
    }

    public Upgrade(UUID id, String pluginId, boolean dryRun, Versions versions, byte[] bundle, String migrationsJson,
            String requestedBy, Instant now) {
        super(id, requestedBy, now);
        this.pluginId = pluginId;
        this.dryRun = dryRun;
        this.fromVersionId = versions.fromVersionId();
        this.fromVersion = versions.fromVersion();
        this.fromBuild = versions.fromBuild();
        this.toVersion = versions.toVersion();
        this.toBuild = versions.toBuild();
        this.bundle = bundle;
        this.migrations = migrationsJson;
    }

    public void started(long total, Instant now) {
        begin(now);
        this.objectsTotal = total;
    }

    public void succeeded(UUID newVersionId, String output, Instant now) {
        requireState(JobState.RUNNING);
        end(JobState.SUCCEEDED, now);
        this.toVersionId = newVersionId;
        this.output = output;
        this.bundle = null;
    }

    public void failed(UpgradeCode code, String message, String output, Instant now) {
        end(JobState.FAILED, now);
        this.errorCode = code.name();
        this.errorMessage = message;
        this.output = output;
        this.bundle = null;
    }

    private void requireState(JobState expected) {
        if (state() != expected) {
            throw new IllegalStateException("upgrade " + id() + " is " + state() + ", not " + expected);
        }
    }

    @Override
    public String kind() {
        return UpgradeStore.JOB_KIND;
    }

    public String pluginId() {
        return pluginId;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public UUID fromVersionId() {
        return fromVersionId;
    }

    public String fromVersion() {
        return fromVersion;
    }

    public String fromBuild() {
        return fromBuild;
    }

    public String toVersion() {
        return toVersion;
    }

    public String toBuild() {
        return toBuild;
    }

    public UUID toVersionId() {
        return toVersionId;
    }

    public byte[] bundle() {
        return bundle;
    }

    public String migrationsJson() {
        return migrations;
    }

    public long objectsTotal() {
        return objectsTotal;
    }

    public long objectsDone() {
        return objectsDone;
    }

    public long objectsFailed() {
        return objectsFailed;
    }

    public String errorCode() {
        return errorCode;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public String output() {
        return output;
    }

}
