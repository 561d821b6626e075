package io.timeflow.staging.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.timeflow.platform.security.apikey.ApiKeys;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ApiKey", description = "An API key; the key itself appears only in the answer that created it")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyView(
        @Schema(examples = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9") UUID id,
        @Schema(examples = "restore-hook-sqlstage-01") String name,
        @Schema(examples = "agent") String role,
        @Schema(description = "Subject of the administrator who created it", examples = "admin-user") String createdBy,
        @Schema(examples = "2026-11-23T08:00:00Z") Instant createdAt,
        @Schema(description = "Last accepted use by this service (to the minute)", examples = "2026-11-23T09:00:00Z")
        Instant lastUsedAt,
        @Schema(examples = "2026-11-24T08:00:00Z") Instant revokedAt,
        @Schema(description = "The key, shown once: send it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'",
                examples = "tfk_5e6f7a8b9c0d4e1fa2b3c4d5e6f7a8b9_3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        String key) {

    static ApiKeyView of(ApiKeys.Key k) {
        return new ApiKeyView(k.id(), k.name(), k.role(), k.createdBy(), k.createdAt(), k.lastUsedAt(), k.revokedAt(), null);
    }

    static ApiKeyView issued(ApiKeys.Key k, String key) {
        return new ApiKeyView(k.id(), k.name(), k.role(), k.createdBy(), k.createdAt(), k.lastUsedAt(), k.revokedAt(), key);
    }
}
