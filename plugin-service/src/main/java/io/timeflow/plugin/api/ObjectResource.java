package io.timeflow.plugin.api;

import io.timeflow.platform.api.Page;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.security.Roles;
import io.timeflow.plugin.domain.ObjectService;
import io.timeflow.plugin.domain.ObjectType;
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
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/plugins/{pluginId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Plugin objects", description = "Repositories, source configs, linked sources, virtual sources and "
        + "snapshots, as the plugin's schema defines them")
public class ObjectResource {

    private static final String UPGRADE_CONFLICT = """
            {"type": "urn:timeflow:problem:plugin-upgrade-in-progress", "title": "Conflict with the current state",
             "status": 409, "code": "PLUGIN_UPGRADE_IN_PROGRESS",
             "detail": "updating an object is refused while plugin p1 is being upgraded (upgrade 0d3c5a8e-6f0e-4a43-9c39-2f5a7f1d6b21); reads go on, retry when it ends",
             "context": {"pluginId": "p1", "upgradeId": "0d3c5a8e-6f0e-4a43-9c39-2f5a7f1d6b21"}}""";
    private static final String INVALID = """
            {"type": "urn:timeflow:problem:validation-failed", "title": "Request is not valid", "status": 400,
             "code": "VALIDATION_FAILED",
             "detail": "the virtual source does not conform to the plugin's schema: /port must be >= 1024 (rule minimum)",
             "errors": [{"field": "data/port", "message": "must be >= 1024 (rule minimum)"}]}""";

    private final ObjectService objects;

    @Inject
    public ObjectResource(ObjectService objects) {
        this.objects = objects;
    }

    @POST
    @Path("objects")
    @RolesAllowed(Roles.PLUGIN_ADMIN)
    @Operation(operationId = "createPluginObject", summary = "Create an object, validated against the plugin's schema")
    @APIResponse(responseCode = "201", description = "Created; sensitive values are stored encrypted and never shown",
            content = @Content(schema = @Schema(implementation = ObjectView.class)))
    @APIResponse(responseCode = "400", description = "The data breaks the schema: each error names the field and rule",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "schema", value = INVALID)))
    @APIResponse(responseCode = "404", description = "No such plugin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The plugin is being upgraded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "upgrading", value = UPGRADE_CONFLICT)))
    public Response create(@PathParam("pluginId") String pluginId, @Valid @NotNull ObjectRequests.Create request,
            @Context UriInfo uri) {
        ObjectView created = ObjectView.of(objects.create(pluginId, request.type(), request.data()));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created).build();
    }

    @GET
    @Path("objects")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listPluginObjects", summary = "List a plugin's objects, by type and id")
    @APIResponse(responseCode = "200", description = "A page of objects")
    @APIResponse(responseCode = "400", description = "Bad parameters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such plugin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ObjectView> list(@PathParam("pluginId") String pluginId,
            @Parameter(description = "Only objects of this type", schema = @Schema(implementation = ObjectType.class))
            @QueryParam("type") String type,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return new Page<>(objects.page(pluginId, typeOf(type), false, offset, limit).stream().map(ObjectView::of).toList(),
                offset, limit, objects.count(pluginId, typeOf(type), false));
    }

    @GET
    @Path("sentinels")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listObjectsWithSentinels", summary = "List objects that still carry a sentinel value",
            description = "A plugin declares the placeholder values of a property with the schema keyword "
                    + "\"sentinels\" (for instance a port of 0 that asks for user input, or a rediscovery token). "
                    + "Each object listed names the fields that still carry one.")
    @APIResponse(responseCode = "200", description = "A page of objects, each with its sentinelFields")
    @APIResponse(responseCode = "404", description = "No such plugin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ObjectView> sentinels(@PathParam("pluginId") String pluginId,
            @Parameter(description = "Only objects of this type", schema = @Schema(implementation = ObjectType.class))
            @QueryParam("type") String type,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return new Page<>(objects.page(pluginId, typeOf(type), true, offset, limit).stream().map(ObjectView::of).toList(),
                offset, limit, objects.count(pluginId, typeOf(type), true));
    }

    /** The type a query names, or a 400 naming the parameter (not the 404 a failed conversion would give). */
    static ObjectType typeOf(String type) {
        if (type == null || type.isEmpty()) {
            return null;
        }
        try {
            return ObjectType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("type", "must be one of " + java.util.Arrays.toString(ObjectType.values()));
        }
    }

    @GET
    @Path("objects/{objectId}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getPluginObject", summary = "Get an object (reads work during an upgrade)")
    @APIResponse(responseCode = "200", description = "The object, without its sensitive values",
            content = @Content(schema = @Schema(implementation = ObjectView.class)))
    @APIResponse(responseCode = "404", description = "No such plugin or object",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ObjectView get(@PathParam("pluginId") String pluginId, @PathParam("objectId") UUID objectId) {
        return ObjectView.of(objects.get(pluginId, objectId));
    }

    @PUT
    @Path("objects/{objectId}")
    @RolesAllowed(Roles.PLUGIN_ADMIN)
    @Operation(operationId = "replacePluginObject", summary = "Replace an object's data",
            description = "A sensitive value left out of the request keeps its stored value.")
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(schema = @Schema(implementation = ObjectView.class)))
    @APIResponse(responseCode = "400", description = "The data breaks the schema",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "schema", value = INVALID)))
    @APIResponse(responseCode = "404", description = "No such plugin or object",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The plugin is being upgraded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "upgrading", value = UPGRADE_CONFLICT)))
    public ObjectView replace(@PathParam("pluginId") String pluginId, @PathParam("objectId") UUID objectId,
            @Valid @NotNull ObjectRequests.Replace request) {
        return ObjectView.of(objects.replace(pluginId, objectId, request.data()));
    }

    @DELETE
    // answers 204 or a problem: a client accepting only problem details (as the generated ones do) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("objects/{objectId}")
    @RolesAllowed(Roles.PLUGIN_ADMIN)
    @Operation(operationId = "deletePluginObject", summary = "Delete an object")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such plugin or object",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The plugin is being upgraded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "upgrading", value = UPGRADE_CONFLICT)))
    public Response delete(@PathParam("pluginId") String pluginId, @PathParam("objectId") UUID objectId) {
        objects.delete(pluginId, objectId);
        return Response.noContent().build();
    }
}
