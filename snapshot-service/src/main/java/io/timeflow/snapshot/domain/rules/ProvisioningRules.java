package io.timeflow.snapshot.domain.rules;

import io.timeflow.platform.problem.Warning;
import io.timeflow.events.staging.DatabaseStateMode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The staging-push rules on provisioning a VDB from a staging-push snapshot:
 * <ul>
 * <li>point-in-time provisioning (a timestamp or an LSN) is not supported: only a snapshot;</li>
 * <li>an ONLINE-mode dSource follows a single timeflow, so after a backup of a new recovery fork is
 * restored, the older snapshots of the previous fork must be deleted before the new snapshot is
 * used for provisioning;</li>
 * <li>a snapshot of a backup taken while the source was read-only provisions with a warning.</li>
 * </ul>
 */
public final class ProvisioningRules {

    /** A snapshot of the same timeflow, as the single-timeflow rule sees it. */
    public record TimeflowSnapshot(UUID snapshotId, Instant takenAt, String recoveryForkGuid) {
    }

    private ProvisioningRules() {
    }

    /** Names the point-in-time fields the request set; empty when it asks for a snapshot only. */
    public static List<String> pointInTimeFields(String timestamp, String lsn) {
        List<String> fields = new java.util.ArrayList<>();
        if (timestamp != null) {
            fields.add("timestamp");
        }
        if (lsn != null) {
            fields.add("lsn");
        }
        return fields;
    }

    /**
     * For an ONLINE-mode dSource: the older snapshots of the same timeflow whose recovery fork differs
     * from the chosen snapshot's, which must be deleted first. Empty for RESTORING mode (a new fork
     * starts a new timeflow there) and for a snapshot without a fork (empty database, BACPAC import).
     */
    public static List<UUID> olderForkSnapshots(DatabaseStateMode mode, TimeflowSnapshot chosen,
            List<TimeflowSnapshot> sameTimeflow) {
        if (mode != DatabaseStateMode.ONLINE || chosen.recoveryForkGuid() == null) {
            return List.of();
        }
        String fork = chosen.recoveryForkGuid().toLowerCase(Locale.ROOT);
        return sameTimeflow.stream()
                .filter(s -> !s.snapshotId().equals(chosen.snapshotId()))
                .filter(s -> s.takenAt().isBefore(chosen.takenAt()))
                .filter(s -> s.recoveryForkGuid() != null && !s.recoveryForkGuid().toLowerCase(Locale.ROOT).equals(fork))
                .map(TimeflowSnapshot::snapshotId)
                .toList();
    }

    /** The warnings of provisioning from a snapshot. */
    public static List<Warning> warnings(boolean sourceReadOnly) {
        return sourceReadOnly ? List.of(Warnings.sourceReadOnly()) : List.of();
    }
}
