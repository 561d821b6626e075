package io.timeflow.snapshot.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An environment as snapshot-service knows it from {@code timeflow.staging.v1}: where VDBs can be
 * provisioned, and the time zone in which snapshots of its staging databases are shown.
 */
@Entity
@Table(name = "target_environment")
public class TargetEnvironment {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String host;

    @Column(name = "os_type", nullable = false)
    private String osType;

    @Column(name = "time_zone", nullable = false)
    private String timeZone;

    @Column(name = "connector_path", nullable = false)
    private String connectorPath;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    @Column(name = "last_event_id", nullable = false)
    private String lastEventId;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected TargetEnvironment() {
    }

    public TargetEnvironment(UUID id) {
        this.id = id;
    }

    public void apply(String name, String host, String osType, String timeZone, String connectorPath,
            Instant registeredAt, String eventId, Instant now) {
        this.name = name;
        this.host = host;
        this.osType = osType;
        this.timeZone = timeZone;
        this.connectorPath = connectorPath;
        this.registeredAt = registeredAt;
        this.lastEventId = eventId;
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

    public String osType() {
        return osType;
    }

    public String timeZone() {
        return timeZone;
    }

    public String connectorPath() {
        return connectorPath;
    }

    public Instant registeredAt() {
        return registeredAt;
    }
}
