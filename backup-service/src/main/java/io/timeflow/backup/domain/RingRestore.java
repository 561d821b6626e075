package io.timeflow.backup.domain;

import io.timeflow.backup.archive.RingMaterial;
import io.timeflow.backup.engine.Catalog;
import io.timeflow.backup.engine.SuiteLoader;
import io.timeflow.backup.engine.SuiteRing;
import io.timeflow.platform.crypto.DataKeyTable;
import io.timeflow.platform.problem.ProblemException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a restore gives each restored schema its key ring (ADR 0090): this installation's keys as its
 * live schema holds them, plus every key the archive carries and they lack, kept (RETAINED) so the
 * backup's secrets open here; then every value and API-key digest of the schema must name a key the
 * ring holds, or the restore is refused before anything live changed ({@code DATA_KEY_MISSING}).
 */
final class RingRestore implements SuiteLoader.RingSetup {

    private final SuiteRing.Installation installation;
    private final String origin;
    private final Set<String> added = new TreeSet<>();
    private final Set<String> carried = new TreeSet<>();

    RingRestore(SuiteRing.Installation installation, String origin) {
        this.installation = installation;
        this.origin = origin;
    }

    @Override
    public void install(Connection c, String schema, String target, List<RingMaterial> archive) throws SQLException {
        List<DataKeyTable.Row> live = Catalog.schemaExists(c, schema) && DataKeyTable.exists(c, schema)
                ? DataKeyTable.read(c, schema) : new ArrayList<>();
        SuiteRing.install(c, target, archive, live, installation, origin);
        for (DataKeyTable.Row row : DataKeyTable.read(c, target)) {
            if (origin.equals(row.origin())) {
                added.add(row.keyId());
            }
        }
        archive.forEach(k -> carried.add(k.keyId()));
        Set<String> missing = SuiteRing.missingKeys(c, target, installation);
        if (!missing.isEmpty()) {
            throw ProblemException.of(BackupProblem.DATA_KEY_MISSING, "the backup's " + schema + " data holds secrets sealed with"
                            + " data-encryption keys " + missing + " that neither the archive nor this installation holds:"
                            + " nothing was restored")
                    .with("schema", schema)
                    .with("missingKeys", List.copyOf(missing));
        }
    }

    /** What the restore did with the keys, for its steps. */
    String summary() {
        if (carried.isEmpty()) {
            return "the archive carries no data-encryption key";
        }
        return "the archive carries data-encryption keys " + carried + (added.isEmpty()
                ? ", all already in this installation's key ring"
                : "; " + added + " added to this installation's key ring (the restored values keep their sealing; new"
                        + " values are sealed with this installation's active key)");
    }
}
