package io.timeflow.staging.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A SQL Server instance on a staging environment (a "repository"): where staging databases are created. */
@Entity
@Table(name = "sql_instance")
public class SqlInstance {

    @Id
    private UUID id;

    @Column(name = "environment_id", nullable = false)
    private UUID environmentId;

    @Column(nullable = false)
    private String name;

    private String version;

    private Integer port;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected SqlInstance() {
    }

    public SqlInstance(UUID id, UUID environmentId, String name, String version, Integer port, Instant now) {
        this.id = id;
        this.environmentId = environmentId;
        this.name = name;
        this.version = version;
        this.port = port;
        this.createdAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID environmentId() {
        return environmentId;
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public Integer port() {
        return port;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
