package io.timeflow.staging.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A staging host: where staging databases are restored, in its own time zone, under its connector path. */
@Entity
@Table(name = "environment")
public class Environment {

    public enum OsType { WINDOWS, LINUX }

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String host;

    @Enumerated(EnumType.STRING)
    @Column(name = "os_type", nullable = false)
    private OsType osType;

    @Column(name = "time_zone", nullable = false)
    private String timeZone;

    @Column(name = "connector_path", nullable = false)
    private String connectorPath;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Environment() {
    }

    public Environment(UUID id, String name, String host, OsType osType, String timeZone, String connectorPath,
            Instant now) {
        this.id = id;
        this.name = name;
        this.host = host;
        this.osType = osType;
        this.timeZone = timeZone;
        this.connectorPath = connectorPath;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void update(String name, String host, String timeZone, String connectorPath, Instant now) {
        this.name = name;
        this.host = host;
        this.timeZone = timeZone;
        this.connectorPath = connectorPath;
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String host() {
        return host;
    }

    public OsType osType() {
        return osType;
    }

    public String timeZone() {
        return timeZone;
    }

    public String connectorPath() {
        return connectorPath;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
