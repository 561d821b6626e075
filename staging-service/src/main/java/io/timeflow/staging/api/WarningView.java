package io.timeflow.staging.api;

import io.timeflow.platform.problem.Warning;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Warning", description = "Something to know about an operation that succeeded")
public record WarningView(
        @Schema(description = "Stable machine-readable code", examples = "SKIP_ATTACH_OPERATION") String code,
        @Schema(description = "What it means and what to do",
                examples = "the attach of the staging database failed on the staging host; it was skipped") String message) {

    static WarningView of(Warning w) {
        return new WarningView(w.code(), w.message());
    }
}
