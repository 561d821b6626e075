package io.timeflow.staging.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.timeflow.staging.domain.Hook;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Hook", description = "A hook of a dSource; the command only where the caller may see it")
public record HookView(
        @Schema(examples = "PRE_SYNC") Hook.Phase phase,
        @Schema(examples = "restore latest backup") String name,
        @Schema(examples = "POWERSHELL") Hook.Shell shell,
        @Schema(description = "The script (GET /api/v1/dsources/{id}/hooks only: agent or admin)",
                examples = "& C:\\Delphix\\hooks\\restore-and-report.ps1 -BackupFile \\\\10-43-89-18\\Backup\\sp.bak")
        String command) {

    static HookView of(Hook h) {
        return new HookView(h.phase(), h.name(), h.shell(), h.command());
    }
}
