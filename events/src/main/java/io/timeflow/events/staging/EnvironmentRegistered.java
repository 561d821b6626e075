package io.timeflow.events.staging;

import io.timeflow.events.TimeflowEvent;
import java.time.Instant;

/**
 * A staging environment (a host with SQL Server instances) was registered.
 *
 * @param environmentId the environment's id
 * @param name          its unique name
 * @param host          host name or address of the staging host
 * @param osType        WINDOWS or LINUX
 * @param timeZone      IANA time zone of the staging host; snapshot times are shown in it
 * @param connectorPath the Delphix connector path under which mounts are created
 * @param registeredAt  when it was registered
 */
public record EnvironmentRegistered(
        String environmentId,
        String name,
        String host,
        String osType,
        String timeZone,
        String connectorPath,
        Instant registeredAt) implements TimeflowEvent {

    @Override
    public String aggregateId() {
        return environmentId;
    }
}
