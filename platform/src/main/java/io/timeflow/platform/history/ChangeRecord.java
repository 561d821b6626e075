package io.timeflow.platform.history;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One change of a resource's history: what happened, who did it, with which credential, when. */
@Schema(name = "ChangeRecord", description = "One change in a resource's history")
public record ChangeRecord(
        @Schema(description = "What happened", examples = "dsource.enabled") String action,
        @Schema(description = "A short description, never holding values a user sent",
                examples = "A dSource was enabled.") String summary,
        @Schema(description = "The token subject or 'api-key:<name>'; 'system' for the service's own work",
                examples = "operator-user") String actor,
        @Schema(description = "The most significant role the actor held", examples = "operator") String role,
        @Schema(description = "The token id (jti) or API key id", examples = "0c9e6a53-0b52-4f3e-8d43-6f2c5e8a9b10")
        String credentialId,
        @Schema(description = "The event that announced the change, when one did",
                examples = "1b4e28ba-2fa1-11d2-883f-0016d3cca427") UUID eventId,
        @Schema(examples = "io.timeflow.staging.dsource.enabled.v1") String eventType,
        @Schema(examples = "2026-11-23T08:00:00Z") Instant at) {
}
