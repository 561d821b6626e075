package io.timeflow.staging.api;

import io.timeflow.staging.domain.Fault;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Fault", description = "A fault on a dSource (DCT's model)")
public record FaultView(
        @Schema(examples = "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f") UUID id,
        @Schema(examples = "3f2c9a4e-8b1d-4e57-a9c2-5d6e7f8a9b01") UUID dsourceId,
        @Schema(description = "What is wrong: CANNOT_MONITOR, ATTACH_FAILED", examples = "CANNOT_MONITOR") String code,
        @Schema(examples = "CRITICAL") Fault.Severity severity,
        @Schema(examples = "ACTIVE") Fault.Status status,
        @Schema(examples = "Cannot monitor the staging database") String title,
        @Schema(examples = "the staging database is ONLINE, which a RESTORING-mode dSource does not support")
        String message,
        @Schema(examples = "2026-11-23T08:02:00Z") Instant firstSeen,
        @Schema(examples = "2026-11-23T08:12:00Z") Instant lastSeen,
        @Schema(examples = "2026-11-23T08:20:00Z") Instant resolvedAt,
        @Schema(description = "Who resolved or ignored it; system when its condition cleared", examples = "system")
        String resolvedBy) {

    static FaultView of(Fault f) {
        return new FaultView(f.id(), f.dsourceId(), f.code(), f.severity(), f.status(), f.title(), f.message(),
                f.firstSeen(), f.lastSeen(), f.resolvedAt(), f.resolvedBy());
    }
}
