package io.timeflow.events.staging;

import java.time.Instant;

/**
 * An ONLINE-mode dSource was converted between linked and staging-push ingestion. Its timeflows and
 * snapshots stay as they are.
 *
 * @param dsourceId   the dSource
 * @param from        the ingestion type before: STAGING_PUSH or LINKED
 * @param to          the ingestion type from now on
 * @param convertedAt when
 */
public record DSourceConverted(String dsourceId, String from, String to, Instant convertedAt) implements DSourceEvent {
}
