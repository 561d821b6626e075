package io.timeflow.staging.api;

import io.timeflow.staging.domain.Hook;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "HookRequest", description = "A script the staging host runs around an operation of the dSource. The "
        + "command is sealed at rest and shown only to agents and admins; prefer reading credentials from the agent's "
        + "environment over writing them into the command.")
public record HookRequest(
        @NotNull @Schema(description = "When the hook runs", examples = "PRE_SYNC") Hook.Phase phase,
        @NotBlank @Size(max = 200) @Schema(description = "Unique among the dSource's hooks", examples = "restore latest backup")
        String name,
        @NotNull @Schema(description = "Interpreter of the command", examples = "POWERSHELL") Hook.Shell shell,
        @NotBlank @Size(max = 65536) @Schema(description = "The script",
                examples = "& C:\\Delphix\\hooks\\restore-and-report.ps1 -BackupFile \\\\10-43-89-18\\Backup\\sp.bak")
        String command) {

    Hook toHook() {
        return new Hook(phase, name.trim(), shell, command);
    }
}
