package io.timeflow.plugin.domain;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One installed version of a plugin, with what its bundle declared and the bundle itself. */
@Entity
@Table(name = "plugin_version")
public class PluginVersion {

    @Id
    private UUID id;

    @Column(name = "plugin_id", nullable = false)
    private String pluginId;

    @Column(name = "external_version", nullable = false)
    private String externalVersion;

    @Column(name = "build_number", nullable = false)
    private String buildNumber;

    @Column(nullable = false)
    private String language;

    @Column(name = "plugin_type", nullable = false)
    private String pluginType;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "host_types", nullable = false)
    private String hostTypes;

    @Column(name = "entry_point", nullable = false)
    private String entryPoint;

    @Column(name = "src_dir", nullable = false)
    private String srcDir;

    @Column(name = "schema_file", nullable = false)
    private String schemaFile;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "schema_doc", nullable = false)
    private String schemaDoc;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String migrations;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String operations;

    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    private byte[] bundle;

    @Column(name = "installed_at", nullable = false)
    private Instant installedAt;

    @Column(name = "installed_by")
    private String installedBy;

    @Column(name = "upgrade_id")
    private UUID upgradeId;

    protected PluginVersion() {
    }

    /** What a new version row holds (JSON columns as JSON text). */
    public record Content(String externalVersion, String buildNumber, String language, String pluginType,
            String hostTypesJson, String entryPoint, String srcDir, String schemaFile, String schemaJson,
            String migrationsJson, String operationsJson, byte[] bundle) {
    }

    public PluginVersion(UUID id, String pluginId, Content content, Instant installedAt, String installedBy,
            UUID upgradeId) {
        this.id = id;
        this.pluginId = pluginId;
        this.externalVersion = content.externalVersion();
        this.buildNumber = content.buildNumber();
        this.language = content.language();
        this.pluginType = content.pluginType();
        this.hostTypes = content.hostTypesJson();
        this.entryPoint = content.entryPoint();
        this.srcDir = content.srcDir();
        this.schemaFile = content.schemaFile();
        this.schemaDoc = content.schemaJson();
        this.migrations = content.migrationsJson();
        this.operations = content.operationsJson();
        this.bundle = content.bundle();
        this.installedAt = installedAt;
        this.installedBy = installedBy;
        this.upgradeId = upgradeId;
    }

    public UUID id() {
        return id;
    }

    public String pluginId() {
        return pluginId;
    }

    public String externalVersion() {
        return externalVersion;
    }

    public String buildNumber() {
        return buildNumber;
    }

    public String language() {
        return language;
    }

    public String pluginType() {
        return pluginType;
    }

    public String hostTypesJson() {
        return hostTypes;
    }

    public String entryPoint() {
        return entryPoint;
    }

    public String srcDir() {
        return srcDir;
    }

    public String schemaFile() {
        return schemaFile;
    }

    public String schemaJson() {
        return schemaDoc;
    }

    public String migrationsJson() {
        return migrations;
    }

    public String operationsJson() {
        return operations;
    }

    public byte[] bundle() {
        return bundle;
    }

    public Instant installedAt() {
        return installedAt;
    }

    public String installedBy() {
        return installedBy;
    }

    public UUID upgradeId() {
        return upgradeId;
    }
}
