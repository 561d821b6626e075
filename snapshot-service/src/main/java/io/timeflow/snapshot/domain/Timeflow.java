package io.timeflow.snapshot.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A line of snapshots of one database lineage (one recovery fork) of a dSource. */
@Entity
@Table(name = "timeflow")
public class Timeflow {

    public enum Reason { LINKED, RECOVERY_FORK_CHANGED }

    @Id
    private UUID id;

    @Column(name = "dsource_id", nullable = false)
    private UUID dsourceId;

    @Column(nullable = false)
    private int ordinal;

    @Column(name = "recovery_fork_guid")
    private String recoveryForkGuid;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Reason reason;

    @Column(name = "previous_timeflow_id")
    private UUID previousTimeflowId;

    @Column(name = "is_current", nullable = false)
    private boolean current;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Timeflow() {
    }

    public Timeflow(UUID id, UUID dsourceId, int ordinal, String recoveryForkGuid, Reason reason,
            UUID previousTimeflowId, Instant createdAt) {
        this.id = id;
        this.dsourceId = dsourceId;
        this.ordinal = ordinal;
        this.recoveryForkGuid = recoveryForkGuid;
        this.reason = reason;
        this.previousTimeflowId = previousTimeflowId;
        this.current = true;
        this.createdAt = createdAt;
    }

    public void adoptFork(String fork) {
        if (recoveryForkGuid == null) {
            this.recoveryForkGuid = fork;
        }
    }

    public void superseded() {
        this.current = false;
    }

    public UUID id() {
        return id;
    }

    public UUID dsourceId() {
        return dsourceId;
    }

    public int ordinal() {
        return ordinal;
    }

    public String name() {
        return "timeflow-" + ordinal;
    }

    public String recoveryForkGuid() {
        return recoveryForkGuid;
    }

    public Reason reason() {
        return reason;
    }

    public UUID previousTimeflowId() {
        return previousTimeflowId;
    }

    public boolean isCurrent() {
        return current;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
