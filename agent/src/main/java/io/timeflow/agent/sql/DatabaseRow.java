package io.timeflow.agent.sql;

/**
 * A row of {@code sys.databases}, as much of it as the agent reads.
 *
 * @param name        {@code name} (sysname)
 * @param databaseId  {@code database_id} (int)
 * @param stateDesc   {@code state_desc} (nvarchar(60)): ONLINE, RESTORING, RECOVERING, RECOVERY_PENDING, SUSPECT,
 *                    EMERGENCY, OFFLINE, COPYING, OFFLINE_SECONDARY
 * @param readOnly    {@code is_read_only} (bit)
 * @param inStandby   {@code is_in_standby} (bit): read-only for the restore log
 */
public record DatabaseRow(String name, int databaseId, String stateDesc, boolean readOnly, boolean inStandby) {

    /** The state Timeflow knows (ONLINE, RESTORING, READ_ONLY, STANDBY, EMERGENCY, OFFLINE), as the hook scripts map it. */
    public String timeflowState() {
        if (inStandby) {
            return "STANDBY";
        }
        String s = stateDesc == null ? "" : stateDesc.trim().toUpperCase(java.util.Locale.ROOT);
        return switch (s) {
            case "ONLINE" -> readOnly ? "READ_ONLY" : "ONLINE";
            case "RESTORING", "EMERGENCY", "OFFLINE" -> s;
            default -> "OFFLINE";
        };
    }
}
