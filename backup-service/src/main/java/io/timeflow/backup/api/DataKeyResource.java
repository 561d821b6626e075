package io.timeflow.backup.api;

import io.timeflow.backup.domain.KeyRingService;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/data-keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Data keys", description = "The suite's key ring: the data-encryption keys that seal secrets at rest, and their rotation")
public class DataKeyResource {

    private final KeyRingService ring;

    @Inject
    public DataKeyResource(KeyRingService ring) {
        this.ring = ring;
    }

    @GET
    @RolesAllowed(Roles.BACKUP_ADMIN)
    @Operation(operationId = "getKeyRing", summary = "The suite's data-encryption keys and their state in each service",
            description = "Key ids only (the first 16 hex digits of each key's SHA-256), never a key: which key seals new values, which keys a restore added, and how far a rotation got in each service (values and API-key digests still under each key).")
    @APIResponse(responseCode = "200", description = "The key ring",
            content = @Content(schema = @Schema(implementation = Views.KeyRingView.class)))
    @APIResponse(responseCode = "503", description = "No data-encryption key is configured (ENCRYPTION_KEY_MISSING)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Views.KeyRingView get() {
        return Views.KeyRingView.of(ring.status());
    }

    @POST
    @Path("rotations")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "rotateDataKey", summary = "Rotate the data-encryption key",
            description = "A new random key seals every new value from now on, in every service; every other key is retiring: each service re-seals its values with the new key in the background (resumable: it goes on after a restart) and retires an old key once nothing of its data is sealed with it. Follow it with GET /api/v1/data-keys.")
    @APIResponse(responseCode = "202", description = "The new key is active; re-sealing runs",
            content = @Content(schema = @Schema(implementation = Views.KeyRingView.class)))
    @APIResponse(responseCode = "409", description = "A backup or restore runs (OPERATION_IN_PROGRESS)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "No data-encryption key is configured (ENCRYPTION_KEY_MISSING)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response rotate(@Context UriInfo uri) {
        Views.KeyRingView view = Views.KeyRingView.of(ring.rotate());
        return Response.accepted(view).location(uri.getBaseUriBuilder().path("api/v1/data-keys").build()).build();
    }
}
