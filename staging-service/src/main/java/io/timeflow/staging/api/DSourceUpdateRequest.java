package io.timeflow.staging.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DSourceUpdateRequest", description = "Descriptive settings to change. An absent field stays as it is; an "
        + "empty string clears notes or the target group; a list replaces all hooks (an empty list removes them).")
public record DSourceUpdateRequest(
        @Size(max = 4000) @Schema(examples = "fed nightly from the sales backups; owner: dba-team") String notes,
        @Size(max = 200) @Schema(examples = "finance") String targetGroup,
        @Valid @Size(max = 20) List<@NotNull @Valid HookRequest> hooks) {
}
