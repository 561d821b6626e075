package io.timeflow.events.staging;

import java.time.Instant;
import java.util.List;

/**
 * The agent observed the staging database in a new state, or with other files.
 *
 * @param dsourceId            the dSource
 * @param state                the observed state
 * @param supported            whether the dSource's mode supports that state (RESTORING mode: RESTORING; ONLINE mode: ONLINE)
 * @param files                database files present
 * @param filesUnderMountDir   whether every file lies directly in the mount's DB directory
 * @param observedAt           when the agent observed it
 * @param filesOutsideMountDir (added in v1, may be absent) the files that do not lie directly in the mount's DB
 *                             directory (in a sub-directory, or elsewhere)
 */
public record DatabaseStateChanged(
        String dsourceId,
        DatabaseState state,
        boolean supported,
        List<String> files,
        boolean filesUnderMountDir,
        Instant observedAt,
        List<String> filesOutsideMountDir) implements DSourceEvent {

    /** The original shape of the event, without the fields added later. */
    public DatabaseStateChanged(String dsourceId, DatabaseState state, boolean supported, List<String> files,
            boolean filesUnderMountDir, Instant observedAt) {
        this(dsourceId, state, supported, files, filesUnderMountDir, observedAt, null);
    }
}
