package io.timeflow.staging.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DSourceOperationResult", description = "A dSource after an operation, with the warnings it succeeded with")
public record DSourceOperationView(DSourceView dsource, List<WarningView> warnings) {
}
