package io.timeflow.plugin.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An installed plugin: its current version, and whether an upgrade of it is under way. */
@Entity
@Table(name = "plugin")
public class Plugin {

    @Id
    private String id;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private PluginState state;

    @Column(name = "current_version_id", nullable = false)
    private UUID currentVersionId;

    @Column(name = "upgrade_id")
    private UUID upgradeId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Plugin() {
    }

    public Plugin(String id, String name, UUID currentVersionId, Instant now) {
        this.id = id;
        this.name = name;
        this.state = PluginState.ACTIVE;
        this.currentVersionId = currentVersionId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** An upgrade begins: writes to the plugin's objects are refused until it ends. */
    public void upgradeStarted(UUID upgrade, Instant now) {
        if (state != PluginState.ACTIVE) {
            throw new IllegalStateException("plugin " + id + " is already being upgraded");
        }
        this.state = PluginState.UPGRADING;
        this.upgradeId = upgrade;
        this.updatedAt = now;
    }

    /** The upgrade ended: with the new version when it committed, else the installed one stays. */
    public void upgradeEnded(UUID upgrade, UUID newVersionId, String newName, Instant now) {
        if (!upgrade.equals(upgradeId)) {
            throw new IllegalStateException("upgrade " + upgrade + " is not the one under way on plugin " + id);
        }
        this.state = PluginState.ACTIVE;
        this.upgradeId = null;
        if (newVersionId != null) {
            this.currentVersionId = newVersionId;
            this.name = newName;
        }
        this.updatedAt = now;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public PluginState state() {
        return state;
    }

    public UUID currentVersionId() {
        return currentVersionId;
    }

    public Optional<UUID> upgradeId() {
        return Optional.ofNullable(upgradeId);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
