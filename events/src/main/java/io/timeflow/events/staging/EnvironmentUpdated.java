package io.timeflow.events.staging;

import io.timeflow.events.TimeflowEvent;
import java.time.Instant;
import java.util.List;

/**
 * A staging environment's settings changed; the event carries all of them as they are now.
 * Mount bases already assigned to dSources keep the connector path they were made with.
 *
 * @param environmentId the environment's id
 * @param name          its unique name
 * @param host          host name or address of the staging host
 * @param osType        WINDOWS or LINUX
 * @param timeZone      IANA time zone of the staging host
 * @param connectorPath the connector path under which new mounts are created
 * @param changed       the names of the fields that changed
 * @param updatedAt     when it changed
 */
public record EnvironmentUpdated(
        String environmentId,
        String name,
        String host,
        String osType,
        String timeZone,
        String connectorPath,
        List<String> changed,
        Instant updatedAt) implements TimeflowEvent {

    @Override
    public String aggregateId() {
        return environmentId;
    }
}
