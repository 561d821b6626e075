package io.timeflow.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the suite holds once it is quiet, read through the APIs (dSources, restores, snapshots, jobs,
 * plugin objects, upgrades, backups), the topics (every record of every topic), and, for what no
 * API shows, the services' own tables read as the database's administrator: the inbox (which
 * events each consumer applied), the outbox (which events committed changes announced) and the
 * plugin-upgrade guards.
 */
public record FinalState(List<DSourceState> dsources, List<SnapshotRow> snapshots, List<JobRow> jobs,
        List<PluginState> plugins, List<BackupRow> backups, BackupWindow backupWindow, List<EventRecord> events,
        List<InboxRow> inbox, List<OutboxRow> outbox, List<GuardRow> guards) {

    /** A dSource as staging-service and snapshot-service show it. */
    public record DSourceState(UUID id, String name, String positionLsn, List<RestoreRow> restores,
            String snapshotViewLastRestoreId) {
    }

    public record RestoreRow(UUID id, long number, String status, String type, String firstLsn, String lastLsn) {
    }

    public record SnapshotRow(UUID id, UUID dsourceId, UUID timeflowId, String restoreId) {
    }

    public record JobRow(UUID id, UUID dsourceId, String state, String trigger, UUID policyId, Instant scheduledFor,
            String code) {
    }

    public record PluginState(String id, String version, String state, List<ObjectRow> objects,
            List<UpgradeRow> upgrades) {
    }

    public record ObjectRow(UUID id, String name, String type, Integer generation) {
    }

    public record UpgradeRow(UUID id, String state, String fromVersion, String toVersion, String errorCode) {
    }

    public record BackupRow(UUID id, String trigger, String state, Instant scheduledFireTime, String errorCode) {
    }

    /**
     * When the backup schedule could fire: every {@code period} (aligned on the epoch). It was asked to switch on at
     * {@code askedOn}, certainly on from the answer {@code on}, asked to switch off at {@code askedOff} and certainly
     * off from the answer {@code off}: a fire between asking and the answer may or may not happen.
     */
    public record BackupWindow(Instant askedOn, Instant on, Instant askedOff, Instant off, Duration period) {
    }

    /** One record of a topic, with its CloudEvents headers. */
    public record EventRecord(String topic, int partition, long offset, String id, String type, String key,
            Instant time, String payload) {
    }

    /** An inbox row: {@code consumer} (in service {@code schema}) applied event {@code eventId}. */
    public record InboxRow(String schema, String consumer, String eventId, Instant processedAt) {
    }

    /** An outbox row: a committed change of service {@code schema} announced {@code eventId}. */
    public record OutboxRow(String schema, String eventId, String topic, String type, boolean published) {
    }

    /** A plugin a service still believes is being upgraded. */
    public record GuardRow(String schema, String pluginId, String upgradeId) {
    }
}
