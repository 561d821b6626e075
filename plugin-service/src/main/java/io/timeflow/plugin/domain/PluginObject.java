package io.timeflow.plugin.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A plugin-defined object (repository, source config, linked source, virtual source, snapshot).
 * Its data conforms to the installed version's schema; sensitive values in it are sealed.
 */
@Entity
@Table(name = "plugin_object")
public class PluginObject {

    @Id
    private UUID id;

    @Column(name = "plugin_id", nullable = false)
    private String pluginId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ObjectType type;

    @Column
    private String name;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String data;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "sentinel_fields")
    private String sentinelFields;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected PluginObject() {
    }

    public PluginObject(UUID id, String pluginId, ObjectType type, String name, String sealedDataJson,
            String sentinelFieldsJson, Instant now) {
        this.id = id;
        this.pluginId = pluginId;
        this.type = type;
        this.name = name;
        this.data = sealedDataJson;
        this.sentinelFields = sentinelFieldsJson;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void replace(String name, String sealedDataJson, String sentinelFieldsJson, Instant now) {
        this.name = name;
        this.data = sealedDataJson;
        this.sentinelFields = sentinelFieldsJson;
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String pluginId() {
        return pluginId;
    }

    public ObjectType type() {
        return type;
    }

    public String name() {
        return name;
    }

    /** The stored data, with sensitive values sealed. */
    public String sealedDataJson() {
        return data;
    }

    public String sentinelFieldsJson() {
        return sentinelFields;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
