package io.timeflow.staging.domain;

import io.timeflow.events.staging.BackupType;
import io.timeflow.events.staging.DatabaseStateMode;
import io.timeflow.events.staging.StorageState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/**
 * A staging-push dSource: a staging database on a SQL Server instance of a staging host, whose
 * files live on a mount the service assigned, kept up to date by restores its users report.
 */
@Entity
@Table(name = "dsource")
public class DSource {

    /** What the staging-host agent last reported about attaching the staging database. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "AttachStatus")
    public enum AttachStatus { PENDING, ATTACHED, FAILED }

    /** How the dSource is fed: backups restored into its staging database (staging push), or linked to its source. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "IngestionType")
    public enum IngestionType { STAGING_PUSH, LINKED }

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    @Column(name = "ingestion_type", nullable = false)
    private IngestionType ingestionType = IngestionType.STAGING_PUSH;

    @Column(name = "sync_policy_id")
    private UUID syncPolicyId;

    /** The names (not paths) of the staging database's files; they stay when it is attached under a new name. */
    @Column(name = "database_file_names", nullable = false, columnDefinition = "text[]")
    private String[] databaseFileNames = new String[0];

    @Column(nullable = false)
    private String name;

    @Column(name = "plugin_id", nullable = false)
    private String pluginId;

    @Column(name = "staging_database_name", nullable = false)
    private String stagingDatabaseName;

    @Enumerated(EnumType.STRING)
    @Column(name = "database_state_mode", nullable = false)
    private DatabaseStateMode databaseStateMode;

    @Enumerated(EnumType.STRING)
    @Column(name = "attached_state_mode", nullable = false)
    private DatabaseStateMode attachedStateMode;

    @Column(name = "environment_id", nullable = false)
    private UUID environmentId;

    @Column(name = "repository_id", nullable = false)
    private UUID repositoryId;

    @Column(name = "target_group")
    private String targetGroup;

    private String notes;

    /** Sealed JSON of the hooks (see {@link SealedHooks}); null when there are none. */
    private String hooks;

    @Column(name = "container_id", nullable = false)
    private long containerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "mount_os", nullable = false)
    private Environment.OsType mountOs;

    @Column(name = "mount_base", nullable = false)
    private String mountBase;

    @Column(nullable = false)
    private boolean enabled;

    @Column(nullable = false)
    private boolean attached;

    @Enumerated(EnumType.STRING)
    @Column(name = "attach_status", nullable = false)
    private AttachStatus attachStatus;

    @Column(name = "attach_failure")
    private String attachFailure;

    @Column(name = "attach_reported_at")
    private Instant attachReportedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "storage_state", nullable = false)
    private StorageState storageState;

    @Column(name = "storage_changed_at")
    private Instant storageChangedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "chain_base_type")
    private BackupType chainBaseType;

    @Column(name = "chain_base_checkpoint_lsn", precision = 25, scale = 0)
    private BigInteger chainBaseCheckpointLsn;

    @Enumerated(EnumType.STRING)
    @Column(name = "chain_last_type")
    private BackupType chainLastType;

    @Column(name = "chain_position_lsn", precision = 25, scale = 0)
    private BigInteger chainPositionLsn;

    @Column(name = "chain_recovered", nullable = false)
    private boolean chainRecovered;

    @Column(name = "log_restore_needs_rebase", nullable = false)
    private boolean logRestoreNeedsRebase;

    @Column(name = "restore_count", nullable = false)
    private long restoreCount;

    @Column(name = "last_restore_id")
    private UUID lastRestoreId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected DSource() {
    }

    public DSource(UUID id, String name, String pluginId, String stagingDatabaseName, DatabaseStateMode mode,
            UUID environmentId, UUID repositoryId, String targetGroup, String notes, long containerId,
            StagingMount mount, Instant now) {
        this.id = id;
        this.name = name;
        this.pluginId = pluginId;
        this.stagingDatabaseName = stagingDatabaseName;
        this.databaseStateMode = mode;
        this.attachedStateMode = mode;
        this.environmentId = environmentId;
        this.repositoryId = repositoryId;
        this.targetGroup = targetGroup;
        this.notes = notes;
        this.containerId = containerId;
        this.mountOs = mount.osType();
        this.mountBase = mount.dbDirectory();
        this.enabled = true;
        this.attached = true;
        this.attachStatus = AttachStatus.PENDING;
        this.storageState = StorageState.RUNNING;
        this.createdAt = now;
        this.updatedAt = now;
    }

    // ---- transitions (the rules deciding them are in Lifecycle, LsnChain and StorageRules)

    void syncPolicy(UUID policyId) {
        this.syncPolicyId = policyId;
    }

    void converted(IngestionType type, Instant now) {
        this.ingestionType = type;
        this.updatedAt = now;
    }

    /** The database files seen (restored, observed or attached): their names are kept from now on. */
    void filesSeen(java.util.List<String> paths) {
        if (paths == null || paths.isEmpty()) {
            return;
        }
        this.databaseFileNames = paths.stream().map(DSource::fileName).distinct().sorted().toArray(String[]::new);
    }

    /** The last segment of a Windows or Linux path. */
    public static String fileName(String path) {
        String p = path.trim();
        int cut = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
        return cut < 0 ? p : p.substring(cut + 1);
    }

    void enable(Instant now) {
        enabled = true;
        updatedAt = now;
    }

    void disable(Instant now) {
        enabled = false;
        updatedAt = now;
    }

    void detach(Instant now) {
        attached = false;
        enabled = false;
        updatedAt = now;
    }

    void attach(String stagingDatabaseName, DatabaseStateMode mode, UUID environmentId, UUID repositoryId,
            StagingMount mount, Instant now) {
        this.stagingDatabaseName = stagingDatabaseName;
        this.attachedStateMode = mode;
        this.environmentId = environmentId;
        this.repositoryId = repositoryId;
        this.mountOs = mount.osType();
        this.mountBase = mount.dbDirectory();
        this.attached = true;
        this.enabled = false;
        this.attachStatus = AttachStatus.PENDING;
        this.attachFailure = null;
        this.attachReportedAt = null;
        this.updatedAt = now;
    }

    void attachReported(AttachStatus status, String failure, Instant now) {
        this.attachStatus = status;
        this.attachFailure = failure;
        this.attachReportedAt = now;
        this.updatedAt = now;
    }

    void describe(String notes, String targetGroup, String sealedHooks, Instant now) {
        this.notes = notes;
        this.targetGroup = targetGroup;
        this.hooks = sealedHooks;
        this.updatedAt = now;
    }

    void storage(StorageState state, boolean logRestoreNeedsRebase, Instant now) {
        this.storageState = state;
        this.logRestoreNeedsRebase = logRestoreNeedsRebase;
        this.storageChangedAt = now;
        this.updatedAt = now;
    }

    long nextRestoreNumber() {
        restoreCount++;
        return restoreCount;
    }

    void restored(UUID restoreId, LsnChain.State chain, Instant now) {
        this.lastRestoreId = restoreId;
        this.chainBaseType = chain.baseType();
        this.chainBaseCheckpointLsn = chain.baseCheckpointLsn();
        this.chainLastType = chain.lastType();
        this.chainPositionLsn = chain.position();
        this.chainRecovered = chain.recovered();
        this.logRestoreNeedsRebase = chain.logRestoreNeedsRebase();
        this.updatedAt = now;
    }

    public LsnChain.State chain() {
        return new LsnChain.State(chainBaseType, chainBaseCheckpointLsn, chainLastType, chainPositionLsn,
                chainRecovered, logRestoreNeedsRebase);
    }

    public StagingMount mount() {
        return new StagingMount(mountOs, mountBase);
    }

    // ---- reads

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public IngestionType ingestionType() {
        return ingestionType;
    }

    public UUID syncPolicyId() {
        return syncPolicyId;
    }

    public java.util.List<String> databaseFileNames() {
        return databaseFileNames == null ? java.util.List.of() : java.util.List.of(databaseFileNames);
    }

    public String pluginId() {
        return pluginId;
    }

    public String stagingDatabaseName() {
        return stagingDatabaseName;
    }

    public DatabaseStateMode databaseStateMode() {
        return databaseStateMode;
    }

    public DatabaseStateMode attachedStateMode() {
        return attachedStateMode;
    }

    public UUID environmentId() {
        return environmentId;
    }

    public UUID repositoryId() {
        return repositoryId;
    }

    public String targetGroup() {
        return targetGroup;
    }

    public String notes() {
        return notes;
    }

    public String sealedHooks() {
        return hooks;
    }

    public long containerId() {
        return containerId;
    }

    public String mountBase() {
        return mountBase;
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean attached() {
        return attached;
    }

    public AttachStatus attachStatus() {
        return attachStatus;
    }

    public String attachFailure() {
        return attachFailure;
    }

    public Instant attachReportedAt() {
        return attachReportedAt;
    }

    public StorageState storageState() {
        return storageState;
    }

    public Instant storageChangedAt() {
        return storageChangedAt;
    }

    public boolean logRestoreNeedsRebase() {
        return logRestoreNeedsRebase;
    }

    public long restoreCount() {
        return restoreCount;
    }

    public UUID lastRestoreId() {
        return lastRestoreId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
