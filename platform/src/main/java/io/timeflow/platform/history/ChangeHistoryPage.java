package io.timeflow.platform.history;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The OpenAPI shape of a page of a resource's history (Page is generic). */
@Schema(name = "ChangeHistoryPage", description = "A page of a resource's history, oldest change first")
public record ChangeHistoryPage(List<ChangeRecord> items,
        @Schema(examples = "0") int offset, @Schema(examples = "50") int limit, @Schema(examples = "3") long total) {
}
