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
    public record Instance(UUID id, @Schema(examples = "MSSQLSERVER") String name, Integer port) {
    }

    @Schema(name = "Agent", description = "A staging host's agent and the environment it serves")
    public record AgentView(
            @Schema(examples = "sqlstage-01") String name,
            UUID environmentId,
            @Schema(examples = "sqlstage-01") String environmentName,
            @Schema(examples = "WINDOWS") Environment.OsType osType,
            @Schema(examples = "Europe/Paris") String timeZone,
            List<Instance> instances,
            @Schema(examples = "0.1.0") String version,
            List<String> shells,
            @Schema(description = "It asked for work recently (agents ask every second or so)") boolean alive,
            Instant registeredAt,
            Instant lastSeenAt) {
    }

    @Schema(name = "AgentDSource", description = "A dSource the agent serves: what it watches and the hooks it runs")
    public record ServedView(
            UUID id,
            String name,
            @Schema(examples = "sales_staging") String stagingDatabaseName,
            UUID repositoryId,
            @Schema(examples = "MSSQLSERVER") String repositoryName,
            DatabaseStateMode databaseStateMode,
            String mountBase,
            boolean enabled,
            boolean attached,
            @Schema(description = "The hook phases it has (the commands are at GET /api/v1/dsources/{id}/hooks)")
            List<Hook.Phase> hookPhases,
            @Schema(description = "The last restore staging-service knows") UUID lastRestoreId,
            @Schema(description = "That restore's backup set, so the agent does not report again a restore a hook "
                    + "reported itself") LastRestore lastRestore,
            @Schema(description = "The names its database files keep") List<String> databaseFileNames,
            @Schema(description = "When it was linked: restores older than this are not its own") Instant linkedAt) {

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
    public record LastRestore(UUID id, @Schema(examples = "COMPLETED") String status, @Schema(examples = "FULL") String type,
            @Schema(examples = "34000000016800037") String firstLsn, @Schema(examples = "34000000021600001") String lastLsn) {
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    @Schema(name = "AgentTask", description = "An attach the agent is asked to do: attach (or, after a link, create) the "
            + "staging database on the dSource's mount, keeping its file names")
    public record TaskView(
            UUID id,
            @Schema(enumeration = {"LINK", "ENABLE", "ATTACH"}) String kind,
            @Schema(enumeration = {"PENDING", "CLAIMED", "SUCCEEDED", "FAILED", "EXPIRED"}) String state,
            UUID dsourceId,
            @Schema(examples = "sales_staging") String databaseName,
            String mountBase,
            DatabaseStateMode databaseStateMode,
            @Schema(description = "The file names the database must keep (empty: none known yet)") List<String> fileNames,
            Instant leaseExpiresAt,
            String reason,
            @Schema(description = "Files that do not lie directly in the mount's DB directory") List<String> filesOutside) {

        static TaskView of(AgentTask t) {
            return new TaskView(t.id(), t.kind().name(), t.state().name(), t.dsourceId(), t.databaseName(),
                    t.mountBase(), t.databaseStateMode(), t.fileNames(), t.leaseExpiresAt(), t.outcomeReason(),
                    t.filesOutside());
        }
    }
}
