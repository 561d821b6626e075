package io.timeflow.snapshot.api;

import io.timeflow.platform.api.Params;
import io.timeflow.platform.api.Page;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.security.CurrentActor;
import io.timeflow.platform.security.Roles;
import io.timeflow.snapshot.api.Requests.VdbRequest;
import io.timeflow.snapshot.api.Views.VdbView;
import io.timeflow.snapshot.domain.Vdb;
import io.timeflow.snapshot.domain.VdbService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/vdbs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "VDBs", description = "Virtual databases provisioned from snapshots (not from a point in time)")
public class VdbResource {

    private final VdbService vdbs;
    private final CurrentActor actor;

    @Inject
    public VdbResource(VdbService vdbs, CurrentActor actor) {
        this.vdbs = vdbs;
        this.actor = actor;
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "provisionVdb", summary = "Provision a VDB from a snapshot",
            description = "Point-in-time provisioning (timestamp or lsn) is refused: staging push does not support it. "
                    + "A snapshot of a backup taken while the source was read-only provisions with the warning "
                    + "SOURCE_READ_ONLY_BACKUP.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = VdbRequest.class),
            examples = @ExampleObject(name = "from a snapshot", value = ApiExamples.VDB_REQUEST)))
    @APIResponse(responseCode = "201", description = "Provisioned",
            content = @Content(schema = @Schema(implementation = VdbView.class),
                    examples = @ExampleObject(name = "vdb", value = ApiExamples.VDB)))
    @APIResponse(responseCode = "400", description = "Invalid request (a field named in errors)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ApiExamples.PROBLEM_VALIDATION)))
    @APIResponse(responseCode = "409", description = "The name is taken (NAME_TAKEN), the plugin is being upgraded "
            + "(PLUGIN_UPGRADE_IN_PROGRESS), or older snapshots of a previous recovery fork must be deleted first "
            + "(OLDER_FORK_SNAPSHOTS_EXIST, ONLINE mode)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "upgrade", value = ApiExamples.PROBLEM_UPGRADE)))
    @APIResponse(responseCode = "422", description = "A point in time was asked (POINT_IN_TIME_NOT_SUPPORTED), the "
            + "snapshot (UNKNOWN_SNAPSHOT) or target environment (UNKNOWN_TARGET_ENVIRONMENT) is unknown, or the staging "
            + "database has files in a sub-directory of the mount (FILES_OUTSIDE_MOUNT_DIRECTORY, each path named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "point in time", value = ApiExamples.PROBLEM_POINT_IN_TIME)))
    public Response provision(@Valid @NotNull VdbRequest request, @Context UriInfo uri) {
        Vdb vdb = vdbs.provision(new VdbService.NewVdb(request.name(), request.snapshotId(),
                request.targetEnvironmentId(), request.timestamp() == null ? null : "set",
                request.lsn() == null ? null : "set"), actor.get());
        return Response.created(uri.getAbsolutePathBuilder().path(vdb.id().toString()).build())
                .entity(VdbView.of(vdb)).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listVdbs", summary = "List VDBs, by name, of a dSource or a snapshot")
    @APIResponse(responseCode = "200", description = "A page of VDBs")
    @APIResponse(responseCode = "400", description = "Invalid paging or id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ApiExamples.PROBLEM_VALIDATION)))
    public Page<VdbView> list(
            @QueryParam("dsourceId") @Schema(format = "uuid") String dsource,
            @QueryParam("snapshotId") @Schema(format = "uuid") String snapshot,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        UUID dsourceId = Params.uuid("dsourceId", dsource);
        UUID snapshotId = Params.uuid("snapshotId", snapshot);
        return new Page<>(vdbs.page(dsourceId, snapshotId, offset, limit).stream().map(VdbView::of).toList(), offset,
                limit, vdbs.count(dsourceId, snapshotId));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getVdb", summary = "Get a VDB")
    @APIResponse(responseCode = "200", description = "The VDB",
            content = @Content(schema = @Schema(implementation = VdbView.class),
                    examples = @ExampleObject(name = "vdb", value = ApiExamples.VDB)))
    @APIResponse(responseCode = "404", description = "No such VDB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not found", value = ApiExamples.PROBLEM_NOT_FOUND)))
    public VdbView get(@PathParam("id") UUID id) {
        return VdbView.of(vdbs.get(id));
    }

    @POST
    @Path("{id}/refresh")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "refreshVdb", summary = "Refresh a VDB to the latest snapshot of its dSource",
            description = "The VDB moves to its dSource's newest snapshot; the snapshot it was on loses it as a "
                    + "dependant. Like provisioning, refused while the dSource's plugin is upgraded.")
    @RequestBody(content = @Content(schema = @Schema(implementation = Requests.VdbRefreshRequest.class),
            examples = @ExampleObject(name = "refresh", value = ApiExamples.VDB_REFRESH)))
    @APIResponse(responseCode = "200", description = "The VDB, on the latest snapshot",
            content = @Content(schema = @Schema(implementation = VdbView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such VDB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The plugin is being upgraded (PLUGIN_UPGRADE_IN_PROGRESS), the "
            + "dSource has no snapshot (NO_SNAPSHOT), or the named snapshot is not the latest (SNAPSHOT_NOT_LATEST)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The staging database has files in a sub-directory of the mount "
            + "(FILES_OUTSIDE_MOUNT_DIRECTORY, each path named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public VdbView refresh(@PathParam("id") UUID id, @Valid Requests.VdbRefreshRequest request) {
        return VdbView.of(vdbs.refresh(id, java.util.Optional.ofNullable(request == null ? null : request.snapshotId()),
                actor.get()));
    }

    @DELETE
    // answers 204 or a problem: a client accepting only problem details (as the generated ones do) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("{id}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "deleteVdb", summary = "Delete a VDB (its snapshot may then be deleted)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such VDB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not found", value = ApiExamples.PROBLEM_NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "Its dSource's plugin is being upgraded (PLUGIN_UPGRADE_IN_PROGRESS)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "upgrade", value = ApiExamples.PROBLEM_UPGRADE)))
    public void delete(@PathParam("id") UUID id) {
        vdbs.delete(id, actor.get());
    }
}
