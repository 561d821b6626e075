package io.timeflow.staging.api;

import io.timeflow.events.staging.BackupType;
import io.timeflow.events.staging.DatabaseStateMode;
import io.timeflow.events.staging.StorageState;
import io.timeflow.staging.domain.DSource;
import io.timeflow.staging.domain.Hook;
import io.timeflow.staging.domain.LsnChain;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DSource", description = "A staging-push dSource")
public record DSourceView(
        @Schema(examples = "3f2c9a4e-8b1d-4e57-a9c2-5d6e7f8a9b01") UUID id,
        @Schema(examples = "sales-staging") String name,
        @Schema(description = "The plugin providing the dSource type", examples = "mssql-staging-push") String pluginId,
        @Schema(examples = "sales_staging") String stagingDatabaseName,
        @Schema(description = "Chosen at link time", examples = "RESTORING") DatabaseStateMode databaseStateMode,
        @Schema(examples = "6f1c1f7e-2b7c-4c2e-9d55-0c6f3c1b9a10") UUID environmentId,
        @Schema(examples = "b8c4e1f2-0a3d-4f5e-8c7b-6a9d2e1f3c45") UUID repositoryId,
        @Schema(examples = "finance") String targetGroup,
        @Schema(examples = "fed nightly from the sales backups") String notes,
        @Schema(description = "The hooks, without their commands") List<HookView> hooks,
        @Schema(description = "The mount's DB directory, where every database file must lie directly",
                examples = "C:\\Program Files\\Delphix\\DelphixConnector\\ec2197b2-e0c6-48d2-bd14-265e6fa9b5ab-Staging-1\\DATA\\DB")
        String mountBase,
        @Schema(description = "The <container id> of the mount base", examples = "1") long containerId,
        @Schema(description = "ENABLED, DISABLED or DETACHED", examples = "ENABLED") String status,
        @Schema(examples = "true") boolean enabled,
        @Schema(description = "Linked to its staging database (false once detached)", examples = "true") boolean attached,
        Attachment attachment,
        Storage storage,
        Chain chain,
        @Schema(examples = "42") long restoreCount,
        @Schema(examples = "7d9e8f10-1a2b-4c3d-9e4f-5a6b7c8d9e0f") UUID lastRestoreId,
        @Schema(examples = "2026-11-23T08:00:00Z") Instant createdAt,
        @Schema(examples = "2026-11-23T08:10:00Z") Instant updatedAt,
        @Schema(description = "STAGING_PUSH, or LINKED after an ONLINE-mode conversion", examples = "STAGING_PUSH")
        DSource.IngestionType ingestionType,
        @Schema(description = "The SnapSync policy chosen at link", examples = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
        UUID syncPolicyId,
        @Schema(description = "The names of its database files, kept when it is attached under a new database name",
                examples = "[\"sales.mdf\", \"sales_log.ldf\"]") List<String> databaseFileNames,
        @Schema(description = "OK, or CANNOT_MONITOR while the staging database is in a state its mode does not support",
                examples = "OK") String monitoring,
        @Schema(description = "Codes of the faults active on it", examples = "[]") List<String> activeFaults) {

    @Schema(name = "DSourceAttachment", description = "Attaching the staging database, as the staging-host agent reported it")
    public record Attachment(
            @Schema(description = "PENDING until the agent reports", examples = "FAILED") DSource.AttachStatus status,
            @Schema(description = "The database state mode given at the last link or attach", examples = "RESTORING")
            DatabaseStateMode databaseStateMode,
            @Schema(examples = "a database named sales_staging exists on the instance and is not managed by Timeflow")
            String failure,
            @Schema(examples = "2026-11-23T08:01:00Z") Instant reportedAt) {
    }

    @Schema(name = "DSourceStorage", description = "The dSource's storage")
    public record Storage(
            @Schema(examples = "RUNNING") StorageState state,
            @Schema(description = "LOG restores are refused until a FULL or DIFFERENTIAL restore", examples = "false")
            boolean logRestoreNeedsRebase,
            @Schema(examples = "2026-11-23T08:05:00Z") Instant changedAt) {
    }

    @Schema(name = "RestoreChain", description = "Where the restore chain of the staging database stands")
    public record Chain(
            @Schema(description = "FULL or BACPAC: what the chain is based on", examples = "FULL") BackupType baseType,
            @Schema(description = "Checkpoint LSN of the full backup the chain is based on",
                    examples = "34000000016800037") String baseCheckpointLsn,
            @Schema(examples = "LOG") BackupType lastType,
            @Schema(description = "The LSN the database is restored to; the next log backup starts here",
                    examples = "34000000023200001") String positionLsn,
            @Schema(description = "The last restore recovered the database: no log or differential can follow",
                    examples = "false") boolean recovered) {
    }

    static DSourceView of(DSource d, List<Hook> hooks, List<String> activeFaults) {
        LsnChain.State c = d.chain();
        return new DSourceView(d.id(), d.name(), d.pluginId(), d.stagingDatabaseName(), d.databaseStateMode(),
                d.environmentId(), d.repositoryId(), d.targetGroup(), d.notes(),
                hooks.stream().map(HookView::of).toList(), d.mountBase(), d.containerId(),
                !d.attached() ? "DETACHED" : d.enabled() ? "ENABLED" : "DISABLED", d.enabled(), d.attached(),
                new Attachment(d.attachStatus(), d.attachedStateMode(), d.attachFailure(), d.attachReportedAt()),
                new Storage(d.storageState(), d.logRestoreNeedsRebase(), d.storageChangedAt()),
                new Chain(c.baseType(), str(c.baseCheckpointLsn()), c.lastType(), str(c.position()), c.recovered()),
                d.restoreCount(), d.lastRestoreId(), d.createdAt(), d.updatedAt(), d.ingestionType(), d.syncPolicyId(),
                d.databaseFileNames(), activeFaults.contains("CANNOT_MONITOR") ? "CANNOT_MONITOR" : "OK", activeFaults);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
