package io.timeflow.staging.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A staging host's agent (ADR 0100): it serves one environment, runs the hooks of its dSources,
 * watches their staging databases and attaches them. It is alive while it keeps asking for work.
 */
@Entity
@Table(name = "agent")
public class Agent {

    @Id
    private String name;

    @Column(name = "environment_id", nullable = false)
    private UUID environmentId;

    private String version;

    /** Comma-separated shells the agent can run hooks with (BASH, SH, POWERSHELL). */
    @Column(nullable = false)
    private String shells = "";

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    protected Agent() {
    }

    public Agent(String name, UUID environmentId, Instant now) {
        this.name = name;
        this.environmentId = environmentId;
        this.registeredAt = now;
        this.lastSeenAt = now;
    }

    void registered(UUID environmentId, String version, List<String> shells, Instant now) {
        this.environmentId = environmentId;
        this.version = version;
        this.shells = String.join(",", shells);
        this.lastSeenAt = now;
    }

    void seen(Instant now) {
        this.lastSeenAt = now;
    }

    public String name() {
        return name;
    }

    public UUID environmentId() {
        return environmentId;
    }

    public String version() {
        return version;
    }

    public List<String> shells() {
        return shells.isBlank() ? List.of() : Arrays.asList(shells.split(","));
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }
}
