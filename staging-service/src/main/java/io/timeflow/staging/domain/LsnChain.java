package io.timeflow.staging.domain;

import io.timeflow.events.staging.BackupType;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The restore chain of one staging database, as SQL Server applies it, and the rules a new restore
 * must obey. LSNs are {@code numeric(25,0)} values compared as numbers.
 *
 * <ul>
 *   <li>The first restore is a FULL backup WITH REPLACE (a BACPAC import also starts an ONLINE
 *       dSource; the mode rules say where BACPAC is allowed).</li>
 *   <li>A FULL backup re-bases the chain at any time.</li>
 *   <li>A DIFFERENTIAL belongs to the last full restored: its {@code databaseBackupLsn} equals that
 *       full's {@code checkpointLsn}; it may not end before the chain's position.</li>
 *   <li>A LOG continues the chain: after a log its {@code firstLsn} equals the previous
 *       {@code lastLsn}; after a full or differential (whose LSN range log backups taken meanwhile
 *       overlap) it must contain the restored position: {@code firstLsn <= position < lastLsn}.
 *       A gap is refused naming the missing LSN range.</li>
 *   <li>No DIFFERENTIAL or LOG after a restore that recovered the database, or after a BACPAC
 *       import: neither leaves a log chain to continue.</li>
 *   <li>After storage resumed from a critical-threshold pause a LOG cannot be applied (SQL Server
 *       Msg 4320) until a FULL or DIFFERENTIAL re-bases the database.</li>
 * </ul>
 */
public final class LsnChain {

    private LsnChain() {
    }

    /**
     * Where the chain stands.
     *
     * @param baseType              FULL or BACPAC: what the chain was last based on (null before any restore)
     * @param baseCheckpointLsn     checkpoint LSN of the full the chain is based on
     * @param lastType              type of the last completed restore
     * @param position              the LSN the database is restored to (last LSN of the last restore)
     * @param recovered             the last restore recovered the database (no NORECOVERY)
     * @param logRestoreNeedsRebase storage resumed after a critical-threshold pause since the last full or differential
     */
    public record State(BackupType baseType, BigInteger baseCheckpointLsn, BackupType lastType, BigInteger position,
            boolean recovered, boolean logRestoreNeedsRebase) {

        public static final State EMPTY = new State(null, null, null, null, false, false);

        public boolean hasBase() {
            return baseType != null;
        }

        public State withLogRestoreNeedsRebase(boolean needsRebase) {
            return new State(baseType, baseCheckpointLsn, lastType, position, recovered, needsRebase);
        }
    }

    /** The restore asked for: its backup set's type and LSNs and whether it replaces and recovers. */
    public record Candidate(BackupType type, BigInteger firstLsn, BigInteger lastLsn, BigInteger checkpointLsn,
            BigInteger databaseBackupLsn, boolean replace, boolean norecovery) {
    }

    /** Why the chain refuses a restore: its problem code, what to do about it, and the facts (LSNs as strings). */
    public record Refusal(StagingProblem code, String detail, Map<String, Object> context) {
    }

    public static Optional<Refusal> check(State state, Candidate c) {
        if (!state.hasBase()) {
            if ((c.type() == BackupType.FULL && c.replace()) || c.type() == BackupType.BACPAC) {
                return Optional.empty();
            }
            return refuse(StagingProblem.FIRST_RESTORE_MUST_BE_FULL_WITH_REPLACE,
                    "the first restore into a staging database must be a FULL backup restored WITH REPLACE; this is a "
                            + c.type() + (c.type() == BackupType.FULL ? " without REPLACE" : " backup"),
                    ctx("backupType", c.type().name()));
        }
        return switch (c.type()) {
            case FULL, BACPAC -> Optional.empty();
            case DIFFERENTIAL -> differential(state, c);
            case LOG -> log(state, c);
        };
    }

    public static State after(State state, Candidate c) {
        boolean recovered = !c.norecovery();
        return switch (c.type()) {
            case FULL -> new State(BackupType.FULL, c.checkpointLsn(), BackupType.FULL, c.lastLsn(), recovered, false);
            case BACPAC -> new State(BackupType.BACPAC, null, BackupType.BACPAC, null, true, false);
            case DIFFERENTIAL -> new State(state.baseType(), state.baseCheckpointLsn(), BackupType.DIFFERENTIAL,
                    c.lastLsn(), recovered, false);
            case LOG -> new State(state.baseType(), state.baseCheckpointLsn(), BackupType.LOG, c.lastLsn(), recovered,
                    state.logRestoreNeedsRebase());
        };
    }

    private static Optional<Refusal> differential(State state, Candidate c) {
        Optional<Refusal> continuable = continuable(state, c);
        if (continuable.isPresent()) {
            return continuable;
        }
        if (!c.databaseBackupLsn().equals(state.baseCheckpointLsn())) {
            return refuse(StagingProblem.DIFFERENTIAL_BASE_MISMATCH,
                    "this differential belongs to the full backup with checkpoint LSN " + c.databaseBackupLsn()
                            + ", but the last full backup restored has checkpoint LSN " + state.baseCheckpointLsn()
                            + ": restore the full backup it belongs to first",
                    ctx("databaseBackupLsn", c.databaseBackupLsn().toString(),
                            "baseCheckpointLsn", state.baseCheckpointLsn().toString()));
        }
        if (c.lastLsn().compareTo(state.position()) < 0) {
            return refuse(StagingProblem.BACKUP_ALREADY_APPLIED,
                    "this differential ends at LSN " + c.lastLsn() + ", before LSN " + state.position()
                            + " the database is already restored to: restore a later differential or a full backup",
                    ctx("lastLsn", c.lastLsn().toString(), "position", state.position().toString()));
        }
        return Optional.empty();
    }

    private static Optional<Refusal> log(State state, Candidate c) {
        if (state.logRestoreNeedsRebase()) {
            return refuse(StagingProblem.LOG_RESTORE_NEEDS_REBASE,
                    "storage resumed after a pause at its critical threshold, so a transaction log cannot be applied "
                            + "directly: SQL Server fails with Msg 4320 (the file was not fully restored by a database "
                            + "or file restore; the entire file must be successfully restored before applying this "
                            + "backup set) and Msg 3013 (RESTORE LOG is terminating abnormally). Restore a FULL or "
                            + "DIFFERENTIAL backup first",
                    ctx("sqlServerError", "Msg 4320"));
        }
        Optional<Refusal> continuable = continuable(state, c);
        if (continuable.isPresent()) {
            return continuable;
        }
        BigInteger position = state.position();
        if (c.firstLsn().compareTo(position) > 0) {
            return refuse(StagingProblem.LSN_CHAIN_BROKEN,
                    "the log chain is broken: the database is restored to LSN " + position
                            + " but this log backup starts at LSN " + c.firstLsn() + "; the log backups covering LSN "
                            + position + " to " + c.firstLsn() + " are missing",
                    ctx("missingFromLsn", position.toString(), "missingToLsn", c.firstLsn().toString()));
        }
        if (c.lastLsn().compareTo(position) <= 0) {
            return refuse(StagingProblem.BACKUP_ALREADY_APPLIED,
                    "this log backup ends at LSN " + c.lastLsn() + ", not after LSN " + position
                            + " the database is already restored to: it is too early to apply",
                    ctx("lastLsn", c.lastLsn().toString(), "position", position.toString()));
        }
        if (state.lastType() == BackupType.LOG && c.firstLsn().compareTo(position) < 0) {
            return refuse(StagingProblem.LSN_CHAIN_OVERLAP,
                    "this log backup starts at LSN " + c.firstLsn() + ", inside the previous log backup which ended at LSN "
                            + position + ": a log backup must start exactly where the previous one ended (is it from "
                            + "another log chain?)",
                    ctx("firstLsn", c.firstLsn().toString(), "position", position.toString()));
        }
        return Optional.empty();
    }

    /** A DIFFERENTIAL or LOG needs a full backup's log chain that the database has not left by recovering. */
    private static Optional<Refusal> continuable(State state, Candidate c) {
        if (state.baseType() != BackupType.FULL) {
            return refuse(StagingProblem.NO_FULL_BACKUP_BASE,
                    "a " + c.type() + " backup needs a full backup restored before it; the staging database was last "
                            + "based on a " + state.baseType() + " import: restore a FULL backup WITH REPLACE first",
                    ctx("baseType", String.valueOf(state.baseType())));
        }
        if (state.recovered()) {
            return refuse(StagingProblem.DATABASE_RECOVERED,
                    "the last restore recovered the database (it was not restored WITH NORECOVERY), so no " + c.type()
                            + " backup can follow: restore a FULL backup to start a new chain",
                    ctx("lastType", String.valueOf(state.lastType())));
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(StagingProblem code, String detail, Map<String, Object> context) {
        return Optional.of(new Refusal(code, detail, context));
    }

    private static Map<String, Object> ctx(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
