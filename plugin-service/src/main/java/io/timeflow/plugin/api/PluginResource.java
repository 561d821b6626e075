package io.timeflow.plugin.api;

import io.timeflow.platform.api.Page;
import io.timeflow.platform.history.ChangeHistory;
import io.timeflow.platform.history.ChangeHistoryPage;
import io.timeflow.platform.history.ChangeRecord;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.security.Roles;
import io.timeflow.plugin.domain.PluginService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/plugins")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Plugins", description = "Plugins shaped like Virtualization SDK plugins, and their versions")
public class PluginResource {

    static final String ZIP = "application/zip";

    private final PluginService plugins;

    @Inject
    ChangeHistory changes;

    @Inject
    public PluginResource(PluginService plugins) {
        this.plugins = plugins;
    }

    @POST
    @Consumes({ZIP, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed(Roles.PLUGIN_ADMIN)
    @Operation(operationId = "installPlugin", summary = "Install a plugin from a bundle",
            description = "The bundle is a zip of the plugin's directory: plugin_config.yml, the schema file and "
                    + "the Python sources. It is loaded in the sandbox before anything is stored.")
    @RequestBody(required = true, content = @Content(mediaType = ZIP,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "201", description = "Installed",
            content = @Content(schema = @Schema(implementation = PluginView.class)))
    @APIResponse(responseCode = "409", description = "The plugin is installed already (upgrade it instead)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The bundle is refused; each error names the file and line",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "syntax error", value = """
                            {"type": "urn:timeflow:problem:invalid-bundle", "title": "The plugin bundle is refused",
                             "status": 422, "code": "INVALID_BUNDLE",
                             "detail": "src/plugin_runner.py line 12: syntax error: invalid syntax",
                             "errors": [{"field": "src/plugin_runner.py:12", "message": "syntax error: invalid syntax"}],
                             "context": {"file": "src/plugin_runner.py", "line": 12}}""")))
    public Response install(byte[] bundle, @Context UriInfo uri) {
        PluginService.PluginWithVersion installed = plugins.install(bundle);
        return Response.created(uri.getAbsolutePathBuilder().path(installed.plugin().id()).build())
                .entity(PluginView.of(installed)).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listPlugins", summary = "List installed plugins, by name")
    @APIResponse(responseCode = "200", description = "A page of plugins")
    @APIResponse(responseCode = "400", description = "Bad paging parameters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<PluginView> list(
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return new Page<>(plugins.page(offset, limit).stream().map(PluginView::of).toList(), offset, limit,
                plugins.count());
    }

    @GET
    @Path("{pluginId}/history")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getPluginHistory",
            summary = "The plugin's history: every change with who made it (subject, role, token or key id) and when")
    @APIResponse(responseCode = "200", description = "The changes, oldest first",
            content = @Content(schema = @Schema(implementation = ChangeHistoryPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such plugin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ChangeRecord> history(@PathParam("pluginId") String pluginId,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return changes.page("plugin", pluginId, offset, limit, () -> plugins.get(pluginId));
    }

    @GET
    @Path("{pluginId}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getPlugin", summary = "Get a plugin: its version, build number, migration ids and state")
    @APIResponse(responseCode = "200", description = "The plugin",
            content = @Content(schema = @Schema(implementation = PluginView.class)))
    @APIResponse(responseCode = "404", description = "No such plugin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PluginView get(@PathParam("pluginId") String pluginId) {
        return PluginView.of(plugins.get(pluginId));
    }

    @GET
    @Path("{pluginId}/versions")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listPluginVersions", summary = "The versions of a plugin that were installed, newest first")
    @APIResponse(responseCode = "200", description = "The versions",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = VersionView.class)))
    @APIResponse(responseCode = "404", description = "No such plugin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<VersionView> versions(@PathParam("pluginId") String pluginId) {
        return plugins.versions(pluginId).stream().map(VersionView::of).toList();
    }
}
