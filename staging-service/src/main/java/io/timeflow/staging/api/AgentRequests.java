package io.timeflow.staging.api;

import io.timeflow.staging.domain.Hook;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request bodies of the agents' API. */
public final class AgentRequests {

    private AgentRequests() {
    }

    @Schema(name = "AgentRegistration", description = "A staging host's agent registers itself and its environment "
            + "(created when no environment of that name exists) with the SQL Server instances it serves")
    public record Registration(
            @NotNull @Valid @Schema(required = true) EnvironmentRequest environment,
            @Valid @Size(max = 32) @Schema(description = "the SQL Server instances the agent serves")
            List<@NotNull @Valid RepositoryRequest> instances,
            @Size(max = 64) @Schema(description = "the agent's version", examples = "0.1.0") String version,
            @Size(max = 8) @Schema(description = "the shells it can run hooks with (POWERSHELL only where pwsh exists)",
                    examples = "[\"BASH\", \"SH\"]")
            List<Hook.Shell> shells) {
    }

    @Schema(name = "AgentTaskReport", description = "How an attach task ended on the staging host: ATTACHED with the "
            + "database files found (sys.master_files), or FAILED with the reason")
    public record TaskReport(
            @NotNull @Schema(required = true, examples = "ATTACHED") AttachReportRequest.Outcome status,
            @Size(max = 2000) @Schema(examples = "a database named sales_staging exists and is not managed by Timeflow")
            String reason,
            @Size(max = 256) @Schema(description = "the database files, full paths as SQL Server reports them",
                    examples = "[\"C:\\\\Program Files\\\\Delphix\\\\DelphixConnector\\\\ec2197b2-e0c6-48d2-bd14-265e6fa9b5ab-Staging-1\\\\DATA\\\\DB\\\\sales.mdf\"]")
            List<@NotBlank @Size(max = 1024) String> files) {
    }

    @Schema(name = "ConvertRequest", description = "Convert an ONLINE-mode dSource between linked and staging-push "
            + "ingestion; its timeflows and snapshots stay")
    public record Convert(
            @NotNull @Schema(required = true, examples = "LINKED") io.timeflow.staging.domain.DSource.IngestionType ingestionType) {
    }

}
