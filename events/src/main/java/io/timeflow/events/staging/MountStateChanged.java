package io.timeflow.events.staging;

import java.time.Instant;

/** The DATA directory of the dSource's mount was found mounted, or no longer mounted. */
public record MountStateChanged(String dsourceId, boolean dataMounted, String mountBase, Instant observedAt)
        implements DSourceEvent {
}
