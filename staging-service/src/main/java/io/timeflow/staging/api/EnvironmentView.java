package io.timeflow.staging.api;

import io.timeflow.staging.domain.Environment;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Environment", description = "A registered staging host")
public record EnvironmentView(UUID id, String name, String host, Environment.OsType osType, String timeZone,
        String connectorPath, Instant createdAt, Instant updatedAt) {

    static EnvironmentView of(Environment e) {
        return new EnvironmentView(e.id(), e.name(), e.host(), e.osType(), e.timeZone(), e.connectorPath(),
                e.createdAt(), e.updatedAt());
    }
}
