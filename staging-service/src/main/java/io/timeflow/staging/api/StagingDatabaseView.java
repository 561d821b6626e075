package io.timeflow.staging.api;

import io.timeflow.events.staging.DatabaseState;
import io.timeflow.events.staging.DatabaseStateMode;
import io.timeflow.staging.domain.StagingDatabaseService;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "StagingDatabase", description = "The staging database as last observed, and what that means")
public record StagingDatabaseView(
        @Schema(examples = "3f2c9a4e-8b1d-4e57-a9c2-5d6e7f8a9b01") UUID dsourceId,
        @Schema(examples = "sales_staging") String stagingDatabaseName,
        @Schema(examples = "RESTORING") DatabaseState state,
        @Schema(examples = "RESTORING") DatabaseStateMode databaseStateMode,
        @Schema(description = "Whether the mode supports the state; if not, a CANNOT_MONITOR fault is active",
                examples = "true") boolean supported,
        @Schema(description = "OK or CANNOT_MONITOR", examples = "OK") String monitoring,
        @Schema(examples = "true") boolean dataMounted,
        @Schema(examples = "C:\\Program Files\\Delphix\\DelphixConnector\\ec2197b2-e0c6-48d2-bd14-265e6fa9b5ab-Staging-1\\DATA\\DB")
        String mountBase,
        @Schema(examples = "[\"C:\\\\Program Files\\\\Delphix\\\\DelphixConnector\\\\ec2197b2-e0c6-48d2-bd14-265e6fa9b5ab-Staging-1\\\\DATA\\\\DB\\\\sp.mdf\"]")
        List<String> files,
        @Schema(description = "Whether every file lies directly in the mount's DB directory", examples = "true")
        boolean filesUnderMountDir,
        @Schema(description = "The files that do not", examples = "[]") List<String> filesOutsideMountDir,
        @Schema(examples = "2026-11-23T08:02:00Z") Instant observedAt,
        @Schema(examples = "2026-11-23T08:02:01Z") Instant reportedAt) {

    static StagingDatabaseView of(StagingDatabaseService.Observed o) {
        var d = o.dsource();
        var db = o.database();
        return new StagingDatabaseView(d.id(), d.stagingDatabaseName(), db.state(), d.databaseStateMode(), o.supported(),
                o.supported() ? "OK" : "CANNOT_MONITOR", db.dataMounted(), d.mountBase(), db.files(),
                o.filesOutside().isEmpty(), o.filesOutside(), db.observedAt(), db.reportedAt());
    }
}
