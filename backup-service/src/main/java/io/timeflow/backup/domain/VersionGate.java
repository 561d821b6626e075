package io.timeflow.backup.domain;

import io.timeflow.backup.engine.SuiteMigrations;
import io.timeflow.platform.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The rule for restores across versions: a backup can be restored into the same or a newer
 * version of the suite (it is then brought to the running version by the services' own
 * migrations), never into an older one. Refusals name both versions.
 */
public final class VersionGate {

    /** What a restore of an accepted backup must do: the schemas whose data needs migrations. */
    public record Decision(List<String> schemasToUpgrade) {
        public boolean upgrade() {
            return !schemasToUpgrade.isEmpty();
        }
    }

    private VersionGate() {
    }

    /**
     * @param backupAppVersion the suite version that took the backup
     * @param appliedBySchema  per schema of the backup, the migration versions applied
     * @param runningAppVersion this suite's version
     * @param migrations       the migrations this suite carries
     * @throws ProblemException 422 BACKUP_NEWER_THAN_SUITE or UNKNOWN_MIGRATION
     */
    public static Decision check(String backupAppVersion, Map<String, List<String>> appliedBySchema,
            String runningAppVersion, SuiteMigrations migrations) {
        if (SuiteVersion.parse(backupAppVersion).isNewerThan(SuiteVersion.parse(runningAppVersion))) {
            throw newer("the backup was taken by Timeflow " + backupAppVersion + " and this suite runs "
                    + runningAppVersion + ": a backup can only be restored into the same or a newer version",
                    backupAppVersion, runningAppVersion);
        }
        List<String> upgrade = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : appliedBySchema.entrySet()) {
            String schema = e.getKey();
            if (!migrations.knows(schema)) {
                throw newer("the backup holds schema " + schema + ", which this suite (Timeflow " + runningAppVersion
                        + ") does not know: it was taken by a newer version (" + backupAppVersion + ")",
                        backupAppVersion, runningAppVersion);
            }
            List<String> known = migrations.versionsOf(schema);
            String latest = known.isEmpty() ? "0" : known.get(known.size() - 1);
            for (String applied : e.getValue()) {
                String normalised = MigrationVersion.fromVersion(applied).getVersion();
                if (known.contains(normalised)) {
                    continue;
                }
                if (MigrationVersion.fromVersion(normalised).compareTo(MigrationVersion.fromVersion(latest)) > 0) {
                    throw newer("schema " + schema + " of the backup is at migration version " + normalised
                            + " and this suite (Timeflow " + runningAppVersion + ") knows up to " + latest
                            + ": the backup was taken by a newer version (" + backupAppVersion + ")",
                            backupAppVersion, runningAppVersion)
                            .with("schema", schema).with("backupMigrationVersion", normalised)
                            .with("runningMigrationVersion", latest);
                }
                throw ProblemException.of(BackupProblem.UNKNOWN_MIGRATION, "schema " + schema + " of the backup has migration "
                        + normalised + ", which this suite (Timeflow " + runningAppVersion + ") does not have")
                        .with("schema", schema).with("migrationVersion", normalised);
            }
            if (!e.getValue().stream().map(v -> MigrationVersion.fromVersion(v).getVersion()).toList().containsAll(known)) {
                upgrade.add(schema);
            }
        }
        return new Decision(List.copyOf(upgrade));
    }

    private static ProblemException newer(String detail, String backupVersion, String runningVersion) {
        return ProblemException.of(BackupProblem.BACKUP_NEWER_THAN_SUITE, detail)
                .with("backupVersion", backupVersion)
                .with("runningVersion", runningVersion);
    }
}
