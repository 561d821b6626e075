package io.timeflow.staging.domain;

import io.timeflow.events.staging.DatabaseStateMode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Work for the agent of a dSource's environment: attach (or, after a link, create) the staging
 * database on its mount. Taken under a lease; its outcome is the dSource's attach status. An enable
 * waits for the task it made (ADR 0101).
 */
@Entity
@Table(name = "agent_task")
public class AgentTask {

    /** What asked for the attach. */
    public enum Kind { LINK, ENABLE, ATTACH }

    public enum State {
        PENDING, CLAIMED, SUCCEEDED, FAILED, EXPIRED;

        public boolean terminal() {
            return this != PENDING && this != CLAIMED;
        }
    }

    @Id
    private UUID id;

    @Column(name = "dsource_id", nullable = false)
    private UUID dsourceId;

    @Column(name = "environment_id", nullable = false)
    private UUID environmentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Kind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;

    @Column(name = "database_name", nullable = false)
    private String databaseName;

    @Column(name = "mount_base", nullable = false)
    private String mountBase;

    @Enumerated(EnumType.STRING)
    @Column(name = "database_state_mode", nullable = false)
    private DatabaseStateMode databaseStateMode;

    @Column(name = "file_names", nullable = false, columnDefinition = "text[]")
    private String[] fileNames;

    @Column(name = "agent_name")
    private String agentName;

    @Column(name = "lease_expires_at")
    private Instant leaseExpiresAt;

    @Column(name = "outcome_reason")
    private String outcomeReason;

    @Column(columnDefinition = "text[]")
    private String[] files;

    @Column(name = "files_outside", columnDefinition = "text[]")
    private String[] filesOutside;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected AgentTask() {
    }

    public AgentTask(UUID id, DSource d, Kind kind, Instant now) {
        this.id = id;
        this.dsourceId = d.id();
        this.environmentId = d.environmentId();
        this.kind = kind;
        this.state = State.PENDING;
        this.databaseName = d.stagingDatabaseName();
        this.mountBase = d.mountBase();
        this.databaseStateMode = d.attachedStateMode();
        this.fileNames = d.databaseFileNames().toArray(String[]::new);
        this.createdAt = now;
    }

    void claimed(String agent, Instant leaseExpiresAt) {
        this.state = State.CLAIMED;
        this.agentName = agent;
        this.leaseExpiresAt = leaseExpiresAt;
    }

    void ended(State state, String reason, List<String> files, List<String> filesOutside, Instant at) {
        this.state = state;
        this.outcomeReason = reason;
        this.files = files == null ? null : files.toArray(String[]::new);
        this.filesOutside = filesOutside == null ? null : filesOutside.toArray(String[]::new);
        this.finishedAt = at;
    }

    public UUID id() {
        return id;
    }

    public UUID dsourceId() {
        return dsourceId;
    }

    public UUID environmentId() {
        return environmentId;
    }

    public Kind kind() {
        return kind;
    }

    public State state() {
        return state;
    }

    public String databaseName() {
        return databaseName;
    }

    public String mountBase() {
        return mountBase;
    }

    public DatabaseStateMode databaseStateMode() {
        return databaseStateMode;
    }

    public List<String> fileNames() {
        return fileNames == null ? List.of() : List.of(fileNames);
    }

    public String agentName() {
        return agentName;
    }

    public Instant leaseExpiresAt() {
        return leaseExpiresAt;
    }

    public String outcomeReason() {
        return outcomeReason;
    }

    public List<String> files() {
        return files == null ? List.of() : List.of(files);
    }

    public List<String> filesOutside() {
        return filesOutside == null ? List.of() : List.of(filesOutside);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }
}
