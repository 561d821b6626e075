package io.timeflow.snapshot.domain;

import io.timeflow.snapshot.domain.rules.Warning;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A virtual database provisioned from a snapshot on a target environment; its snapshot cannot be deleted while it exists. */
@Entity
@Table(name = "vdb")
public class Vdb {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(name = "snapshot_id", nullable = false)
    private UUID snapshotId;

    @Column(name = "dsource_id", nullable = false)
    private UUID dsourceId;

    @Column(name = "timeflow_id", nullable = false)
    private UUID timeflowId;

    @Column(name = "target_environment_id", nullable = false)
    private UUID targetEnvironmentId;

    @Column(nullable = false)
    private String warnings = "[]";

    @Column(name = "provisioned_at", nullable = false)
    private Instant provisionedAt;

    @Column(name = "provisioned_by", nullable = false)
    private String provisionedBy;

    protected Vdb() {
    }

    public Vdb(UUID id, String name, Snapshot snapshot, UUID targetEnvironmentId, List<Warning> warnings,
            Instant provisionedAt, String provisionedBy) {
        this.id = id;
        this.name = name;
        this.snapshotId = snapshot.id();
        this.dsourceId = snapshot.dsourceId();
        this.timeflowId = snapshot.timeflowId();
        this.targetEnvironmentId = targetEnvironmentId;
        this.warnings = JsonList.write(warnings);
        this.provisionedAt = provisionedAt;
        this.provisionedBy = provisionedBy;
    }

    /** Now on {@code snapshot}, the latest of its dSource (a refresh). */
    public void refreshed(Snapshot snapshot) {
        this.snapshotId = snapshot.id();
        this.timeflowId = snapshot.timeflowId();
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public UUID snapshotId() {
        return snapshotId;
    }

    public UUID dsourceId() {
        return dsourceId;
    }

    public UUID timeflowId() {
        return timeflowId;
    }

    public UUID targetEnvironmentId() {
        return targetEnvironmentId;
    }

    public List<Warning> warnings() {
        return JsonList.read(warnings, Warning.class);
    }

    public Instant provisionedAt() {
        return provisionedAt;
    }

    public String provisionedBy() {
        return provisionedBy;
    }
}
