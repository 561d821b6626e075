package io.timeflow.snapshot.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request bodies of snapshot-service's API. */
public final class Requests {

    private Requests() {
    }

    @Schema(name = "SnapSyncRequest", description = "Ask for a SnapSync of a dSource: a snapshot of its last restored backup")
    public record SnapSyncRequest(
            @NotNull @Schema(description = "the dSource", required = true) UUID dsourceId,
            @Size(max = 64) @Schema(description = "optional: the restore the caller expects to be the last restored "
                    + "backup; the SnapSync is refused when another one is") String restoreId,
            @Schema(description = "validated sync is not supported for staging-push dSources: omit it or send false")
            Boolean validatedSync) {
    }

    @Schema(name = "SyncPolicyRequest", description = "A sync policy: when scheduled SnapSyncs run and how long snapshots are kept")
    public record SyncPolicyRequest(
            @NotBlank @Size(max = 200) @Schema(required = true, examples = "nightly") String name,
            @NotBlank @Size(max = 120) @Schema(required = true, description = "Quartz cron expression: seconds minutes "
                    + "hours day-of-month month day-of-week [year]", examples = "0 0 2 * * ?") String cron,
            @Size(max = 64) @Schema(description = "IANA time zone the cron is read in (default UTC)",
                    examples = "Europe/Paris") String timeZone,
            @Valid @Schema(description = "how long snapshots are kept; absent: kept forever") RetentionRequest retention) {
    }

    @Schema(name = "RetentionRequest", description = "Keep the newest keepLast snapshots and those younger than keepDays")
    public record RetentionRequest(
            @Min(1) @Max(100000) @Schema(examples = "7") Integer keepLast,
            @Min(1) @Max(36500) @Schema(examples = "30") Integer keepDays) {
    }

    @Schema(name = "VdbRequest", description = "Provision a VDB from a snapshot. Point-in-time provisioning (timestamp "
            + "or lsn) is not supported for staging-push dSources and is refused.")
    public record VdbRequest(
            @NotBlank @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 _.-]*",
                    message = "must start with a letter or digit and hold only letters, digits, spaces, '_', '.', '-'")
            @Schema(required = true, examples = "sales-dev") String name,
            @NotNull @Schema(required = true) UUID snapshotId,
            @NotNull @Schema(required = true) UUID targetEnvironmentId,
            @Schema(implementation = String.class, description = "not supported: provisioning is from a snapshot only")
            Object timestamp,
            @Schema(implementation = String.class, description = "not supported: provisioning is from a snapshot only")
            Object lsn) {
    }

    @Schema(name = "HookClaimRequest", description = "A staging host's agent asks for a hook to run on one of its "
            + "environments; it gets it under a lease it renews while the hook runs")
    public record HookClaimRequest(
            @NotBlank @Size(max = 200) @Schema(required = true, description = "the agent's name", examples = "sqlstage-01")
            String agent,
            @NotNull @Size(min = 1, max = 64) @Schema(required = true, description = "the staging environments it serves")
            List<@NotNull UUID> environmentIds,
            @Min(5) @Max(600) @Schema(description = "how long the lease lasts unless renewed (default 30)", examples = "30")
            Integer leaseSeconds) {
    }

    @Schema(name = "HookLeaseRequest", description = "Renew the lease on a hook that is still running")
    public record HookLeaseRequest(
            @NotNull @Schema(required = true) UUID leaseId,
            @Min(5) @Max(600) @Schema(description = "how long from now (default 30)", examples = "30") Integer leaseSeconds) {
    }

    @Schema(name = "HookReport", description = "The hooks of the phase ended: how the last one that ran ended and the "
            + "output captured (capped, secrets redacted by the agent). A pre-sync hook that restored a backup names "
            + "the dSource's last restore as staging-service knows it after the hook, so the SnapSync waits to learn it.")
    public record HookReportRequest(
            @NotNull @Schema(required = true) UUID leaseId,
            @Size(max = 200) @Schema(description = "the hook that ended the run (the failing one, or the last)",
                    examples = "restore-latest") String hookName,
            @Schema(description = "its exit code; absent when it did not exit by itself", examples = "0") Integer exitCode,
            @NotNull @Schema(required = true, description = "it ran past its time limit and was stopped",
                    examples = "false") Boolean timedOut,
            @NotNull @Min(0) @Schema(required = true, examples = "4210") Long durationMs,
            @Size(max = 2000) @Schema(description = "output lines, oldest first") List<@NotNull @Size(max = 8000) String> output,
            @Schema(description = "the dSource's last restore in staging-service after the hook, if any")
            UUID lastRestoreId) {
    }

    @Schema(name = "VdbRefreshRequest", description = "Refresh a VDB to the latest snapshot of its dSource")
    public record VdbRefreshRequest(
            @Schema(description = "optional: the snapshot the caller expects to be the latest; refused when another "
                    + "one is") UUID snapshotId) {
    }
}
