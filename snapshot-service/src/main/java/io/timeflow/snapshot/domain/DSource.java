package io.timeflow.snapshot.domain;

import io.timeflow.events.staging.DatabaseState;
import io.timeflow.events.staging.DatabaseStateMode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A staging-push dSource as snapshot-service knows it, built only from {@code timeflow.staging.v1}:
 * enough to decide a SnapSync while staging-service is down.
 */
@Entity
@Table(name = "dsource")
public class DSource {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(name = "staging_database_name", nullable = false)
    private String stagingDatabaseName;

    @Enumerated(EnumType.STRING)
    @Column(name = "database_state_mode", nullable = false)
    private DatabaseStateMode mode;

    @Column(name = "environment_id", nullable = false)
    private String environmentId;

    @Column(name = "repository_id")
    private String repositoryId;

    @Column(name = "plugin_id")
    private String pluginId;

    @Column(name = "mount_base", nullable = false)
    private String mountBase;

    @Column(name = "time_zone", nullable = false)
    private String timeZone;

    @Column(nullable = false)
    private boolean linked;

    @Column(nullable = false)
    private boolean enabled;

    @Enumerated(EnumType.STRING)
    @Column(name = "database_state")
    private DatabaseState databaseState;

    @Column(name = "state_supported", nullable = false)
    private boolean stateSupported;

    @Column(name = "data_mounted", nullable = false)
    private boolean dataMounted;

    @Column(name = "files_under_mount_dir", nullable = false)
    private boolean filesUnderMountDir;

    @Column(name = "restore_in_progress_id")
    private String restoreInProgressId;

    @Column(name = "first_snapshot_pending", nullable = false)
    private boolean firstSnapshotPending;

    @Column(name = "linked_at", nullable = false)
    private Instant linkedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    /** Comma-separated hook phases (PRE_SYNC, POST_SYNC); empty when the dSource has no hooks. */
    @Column(name = "hook_phases", nullable = false)
    private String hookPhases = "";

    @Column(name = "ingestion_type", nullable = false)
    private String ingestionType = "STAGING_PUSH";

    @Column(name = "files_outside_mount_dir", nullable = false)
    private String filesOutsideMountDir = "[]";

    @Column(name = "default_policy_id")
    private UUID defaultPolicyId;

    @Column(name = "last_event_id", nullable = false)
    private String lastEventId;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected DSource() {
    }

    /**
     * A dSource just linked: its staging database exists on the mount staging-service assigned, in
     * the state its mode requires, until an agent reports otherwise.
     */
    public DSource(UUID id) {
        this.id = id;
    }

    public void linked(String name, String stagingDatabaseName, DatabaseStateMode mode, String environmentId,
            String repositoryId, String pluginId, String mountBase, String timeZone, Instant linkedAt) {
        this.name = name;
        this.stagingDatabaseName = stagingDatabaseName;
        this.mode = mode;
        this.environmentId = environmentId;
        this.repositoryId = repositoryId;
        this.pluginId = pluginId;
        this.mountBase = mountBase;
        this.timeZone = timeZone;
        this.linkedAt = linkedAt;
        this.linked = true;
        this.enabled = true;
        this.databaseState = mode == DatabaseStateMode.ONLINE ? DatabaseState.ONLINE : DatabaseState.RESTORING;
        this.stateSupported = true;
        this.dataMounted = true;
        this.filesUnderMountDir = true;
        this.deletedAt = null;
    }

    public void seen(String eventId, Instant now) {
        this.lastEventId = eventId;
        this.updatedAt = now;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public void detached() {
        this.linked = false;
    }

    /** Linked again (possibly to a new database name); it stays disabled until it is enabled. */
    public void attached(String stagingDatabaseName, String environmentId, String repositoryId, String timeZone) {
        this.linked = true;
        this.enabled = false;
        this.stagingDatabaseName = stagingDatabaseName;
        this.environmentId = environmentId;
        this.repositoryId = repositoryId;
        if (timeZone != null) {
            this.timeZone = timeZone;
        }
    }

    public void deleted(Instant at) {
        this.deletedAt = at;
        this.enabled = false;
        this.linked = false;
        this.firstSnapshotPending = false;
    }

    public void observed(DatabaseState state, boolean supported, boolean filesUnderMountDir,
            java.util.List<String> filesOutside) {
        this.databaseState = state;
        this.stateSupported = supported;
        this.filesUnderMountDir = filesUnderMountDir;
        this.filesOutsideMountDir = JsonList.write(filesOutside == null ? java.util.List.of() : filesOutside);
    }

    /** The phases the dSource has hooks for, from staging-service's events (null: unchanged). */
    public void hooks(java.util.List<String> phases) {
        if (phases != null) {
            this.hookPhases = String.join(",", phases);
        }
    }

    public boolean hasHook(String phase) {
        return java.util.Arrays.asList(hookPhases.split(",")).contains(phase);
    }

    public void ingestionType(String type) {
        this.ingestionType = type == null ? "STAGING_PUSH" : type;
    }

    public void defaultPolicy(UUID policyId) {
        this.defaultPolicyId = policyId;
    }

    public void mount(boolean dataMounted) {
        this.dataMounted = dataMounted;
    }

    public void restoreStarted(String restoreId) {
        this.restoreInProgressId = restoreId;
    }

    /** A restore ended: it is no longer in progress (a later one may be, if events crossed). */
    public void restoreEnded(String restoreId) {
        if (restoreId.equalsIgnoreCase(String.valueOf(restoreInProgressId))) {
            this.restoreInProgressId = null;
        }
    }

    public void setFirstSnapshotPending(boolean pending) {
        this.firstSnapshotPending = pending;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String stagingDatabaseName() {
        return stagingDatabaseName;
    }

    public DatabaseStateMode mode() {
        return mode;
    }

    public String environmentId() {
        return environmentId;
    }

    public String pluginId() {
        return pluginId;
    }

    public String mountBase() {
        return mountBase;
    }

    public String timeZone() {
        return timeZone;
    }

    public boolean isLinked() {
        return linked;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public DatabaseState databaseState() {
        return databaseState;
    }

    public boolean stateSupported() {
        return stateSupported;
    }

    public boolean dataMounted() {
        return dataMounted;
    }

    public boolean filesUnderMountDir() {
        return filesUnderMountDir;
    }

    public String ingestionType() {
        return ingestionType;
    }

    public java.util.List<String> filesOutsideMountDir() {
        return JsonList.read(filesOutsideMountDir, String.class);
    }

    public UUID defaultPolicyId() {
        return defaultPolicyId;
    }

    public String restoreInProgressId() {
        return restoreInProgressId;
    }

    public boolean firstSnapshotPending() {
        return firstSnapshotPending;
    }

    public Instant linkedAt() {
        return linkedAt;
    }
}
