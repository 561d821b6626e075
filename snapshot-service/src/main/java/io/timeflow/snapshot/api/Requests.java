package io.timeflow.snapshot.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
}
