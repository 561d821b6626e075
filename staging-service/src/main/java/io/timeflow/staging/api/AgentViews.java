package io.timeflow.staging.api;

import io.timeflow.events.staging.DatabaseStateMode;
import io.timeflow.staging.domain.AgentService;
import io.timeflow.staging.domain.AgentTask;
import io.timeflow.staging.domain.DSource;
import io.timeflow.staging.domain.Environment;
import io.timeflow.staging.domain.Hook;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The response bodies of the agents' API. */
public final class AgentViews {

    private AgentViews() {
    }

    @Schema(name = "AgentRepository", description = "A SQL Server instance of the agent's environment")
    public record Instance(@Schema(examples = "b8c4e1f2-0a3d-4f5e-8c7b-6a9d2e1f3c45") UUID id,
            @Schema(examples = "MSSQLSERVER") String name, @Schema(examples = "1433") Integer port) {
    }

    @Schema(name = "Agent", description = "A staging host's agent and the environment it serves")
    public record AgentView(
            @Schema(examples = "sqlstage-01") String name,
            @Schema(examples = "6f1c1f7e-2b7c-4c2e-9d55-0c6f3c1b9a10") UUID environmentId,
            @Schema(examples = "sqlstage-01") String environmentName,
            @Schema(examples = "WINDOWS") Environment.OsType osType,
            @Schema(examples = "Europe/Paris") String timeZone,
            List<Instance> instances,
            @Schema(examples = "0.1.0") String version,
            @Schema(examples = "[\"BASH\", \"SH\"]") List<String> shells,
            @Schema(description = "It asked for work recently (agents ask every second or so)", examples = "true")
            boolean alive,
            @Schema(examples = "2026-11-23T08:00:00Z") Instant registeredAt,
            @Schema(examples = "2026-11-23T08:10:00Z") Instant lastSeenAt) {
    }

    @Schema(name = "AgentDSource", description = "A dSource the agent serves: what it watches and the hooks it runs")
    public record ServedView(
            @Schema(examples = "3f2c9a4e-8b1d-4e57-a9c2-5d6e7f8a9b01") UUID id,
            @Schema(examples = "sales-staging") String name,
            @Schema(examples = "sales_staging") String stagingDatabaseName,
            @Schema(examples = "b8c4e1f2-0a3d-4f5e-8c7b-6a9d2e1f3c45") UUID repositoryId,
            @Schema(examples = "MSSQLSERVER") String repositoryName,
            @Schema(examples = "RESTORING") DatabaseStateMode databaseStateMode,
            @Schema(examples = "C:\\Program Files\\Delphix\\DelphixConnector\\ec2197b2-e0c6-48d2-bd14-265e6fa9b5ab-Staging-1\\DATA\\DB") String mountBase,
            @Schema(examples = "true") boolean enabled,
            @Schema(examples = "true") boolean attached,
            @Schema(examples = "[\"PRE_SYNC\"]", description = "The hook phases it has (the commands are at GET /api/v1/dsources/{id}/hooks)")
            List<Hook.Phase> hookPhases,
            @Schema(description = "The last restore staging-service knows", examples = "7d9e8f10-1a2b-4c3d-9e4f-5a6b7c8d9e0f")
            UUID lastRestoreId,
            @Schema(description = "That restore's backup set, so the agent does not report again a restore a hook "
                    + "reported itself") LastRestore lastRestore,
            @Schema(description = "The names its database files keep", examples = "[\"sales.mdf\", \"sales_log.ldf\"]")
            List<String> databaseFileNames,
            @Schema(description = "When it was linked: restores older than this are not its own",
                    examples = "2026-11-23T08:00:00Z") Instant linkedAt) {

        static ServedView of(AgentService.Served s) {
            DSource d = s.dsource();
            var r = s.lastRestore();
            LastRestore last = r == null ? null : new LastRestore(r.id(), r.status().name(), r.backupSet().type().name(),
                    str(r.backupSet().firstLsn()), str(r.backupSet().lastLsn()));
            return new ServedView(d.id(), d.name(), d.stagingDatabaseName(), d.repositoryId(), s.repositoryName(),
                    d.databaseStateMode(), d.mountBase(), d.enabled(), d.attached(), s.hookPhases(), d.lastRestoreId(),
                    last, d.databaseFileNames(), d.createdAt());
        }
    }

    @Schema(name = "AgentLastRestore", description = "A dSource's last restore, as the agent compares msdb with it")
    public record LastRestore(@Schema(examples = "7d9e8f10-1a2b-4c3d-9e4f-5a6b7c8d9e0f") UUID id,
            @Schema(examples = "COMPLETED") String status, @Schema(examples = "FULL") String type,
            @Schema(examples = "34000000016800037") String firstLsn, @Schema(examples = "34000000021600001") String lastLsn) {
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    @Schema(name = "AgentTask", description = "An attach the agent is asked to do: attach (or, after a link, create) the "
            + "staging database on the dSource's mount, keeping its file names")
    public record TaskView(
            @Schema(examples = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d") UUID id,
            @Schema(enumeration = {"LINK", "ENABLE", "ATTACH"}, examples = "ENABLE") String kind,
            @Schema(enumeration = {"PENDING", "CLAIMED", "SUCCEEDED", "FAILED", "EXPIRED"}, examples = "CLAIMED") String state,
            @Schema(examples = "3f2c9a4e-8b1d-4e57-a9c2-5d6e7f8a9b01") UUID dsourceId,
            @Schema(examples = "sales_staging") String databaseName,
            @Schema(examples = "C:\\Program Files\\Delphix\\DelphixConnector\\ec2197b2-e0c6-48d2-bd14-265e6fa9b5ab-Staging-1\\DATA\\DB") String mountBase,
            @Schema(examples = "RESTORING") DatabaseStateMode databaseStateMode,
            @Schema(description = "The file names the database must keep (empty: none known yet)",
                    examples = "[\"sales.mdf\", \"sales_log.ldf\"]") List<String> fileNames,
            @Schema(examples = "2026-11-23T08:01:00Z") Instant leaseExpiresAt,
            @Schema(examples = "a database named sales_staging exists and is not managed by Timeflow") String reason,
            @Schema(description = "Files that do not lie directly in the mount's DB directory", examples = "[]")
            List<String> filesOutside) {

        static TaskView of(AgentTask t) {
            return new TaskView(t.id(), t.kind().name(), t.state().name(), t.dsourceId(), t.databaseName(),
                    t.mountBase(), t.databaseStateMode(), t.fileNames(), t.leaseExpiresAt(), t.outcomeReason(),
                    t.filesOutside());
        }
    }
}
