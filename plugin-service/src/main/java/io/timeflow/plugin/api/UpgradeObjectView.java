package io.timeflow.plugin.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.timeflow.plugin.domain.ObjectSealer;
import io.timeflow.plugin.domain.ObjectType;
import io.timeflow.plugin.domain.ReportLine;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "UpgradeObject", description = "What an upgrade made, or would make, of one object")
public record UpgradeObjectView(
        UUID objectId,
        ObjectType type,
        @Schema(description = "MIGRATED (went through new migrations), UNCHANGED (no new migration for its type; "
                + "validated only), FAILED, or NOT_RUN (the sandbox stopped the batch it was in)")
        String outcome,
        String name,
        @Schema(description = "The object as the new version holds it, without sensitive values (MIGRATED and UNCHANGED)")
        JsonNode data,
        List<String> sensitiveFields,
        List<String> sentinelFields,
        @Schema(description = "The last migration it went through, or the one that failed", examples = "2019.11.20")
        String migrationId,
        UpgradeView.Error error) {

    static UpgradeObjectView of(ReportLine r) {
        List<String> sensitive = Json.strings(r.sensitiveFieldsJson());
        JsonNode data = r.sealedResultJson() == null ? null : ObjectSealer.hide(Json.tree(r.sealedResultJson()), sensitive);
        return new UpgradeObjectView(r.objectId(), r.type(), r.outcome(), r.name(), data, sensitive,
                Json.strings(r.sentinelFieldsJson()), r.migrationId(),
                r.errorCode() == null ? null : new UpgradeView.Error(r.errorCode(), r.errorMessage()));
    }
}
