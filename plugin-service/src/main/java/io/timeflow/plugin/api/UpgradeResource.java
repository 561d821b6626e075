package io.timeflow.plugin.api;

import io.timeflow.platform.api.Page;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.security.Roles;
import io.timeflow.plugin.domain.Upgrade;
import io.timeflow.plugin.domain.UpgradeService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/plugins/{pluginId}/upgrades")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Upgrades", description = "Upgrading a plugin to a new version, running its new data migrations in a sandbox")
public class UpgradeResource {

    private final UpgradeService upgrades;

    @Inject
    public UpgradeResource(UpgradeService upgrades) {
        this.upgrades = upgrades;
    }

    @POST
    @Consumes({PluginResource.ZIP, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed(Roles.PLUGIN_ADMIN)
    @Operation(operationId = "upgradePlugin", summary = "Upgrade a plugin to the version of a bundle (or dry-run it)",
            description = "Checks the bundle at once (it must load, increase the build number and keep every "
                    + "installed migration id), then runs the new migrations in the background. All or nothing: the "
                    + "migrated objects and the new version are committed together. While it runs, writes to the "
                    + "plugin's objects are refused; reads go on. With dryRun=true nothing is committed and the "
                    + "report shows what every object would become.")
    @RequestBody(required = true, content = @Content(mediaType = PluginResource.ZIP,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "202", description = "Accepted; follow Location",
            content = @Content(schema = @Schema(implementation = UpgradeView.class)))
    @APIResponse(responseCode = "404", description = "No such plugin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Another upgrade of the plugin runs",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The bundle is refused (bad bundle, build number not "
            + "increased, an installed migration id missing, a bad or duplicate migration id)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "migration removed", value = """
                            {"type": "urn:timeflow:problem:migration-removed", "title": "Refused by a rule",
                             "status": 422, "code": "MIGRATION_REMOVED",
                             "detail": "a released data migration must never be deleted, but the new version lacks installed migration id 2019.11.20 (linked source)",
                             "context": {"missingMigrationIds": ["2019.11.20"]}}""")))
    public Response upgrade(@PathParam("pluginId") String pluginId,
            @Parameter(description = "Report what would happen without committing anything")
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
            byte[] bundle, @Context UriInfo uri) {
        Upgrade upgrade = upgrades.request(pluginId, bundle, dryRun);
        return Response.accepted(UpgradeView.of(upgrade))
                .location(uri.getBaseUriBuilder().path("api/v1/plugins").path(pluginId).path("upgrades")
                        .path(upgrade.id().toString()).build())
                .build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listUpgrades", summary = "A plugin's upgrades and dry runs, newest first")
    @APIResponse(responseCode = "200", description = "A page of upgrades")
    @APIResponse(responseCode = "404", description = "No such plugin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<UpgradeView> list(@PathParam("pluginId") String pluginId,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return new Page<>(upgrades.page(pluginId, offset, limit).stream().map(UpgradeView::of).toList(), offset, limit,
                upgrades.count(pluginId));
    }

    @GET
    @Path("{upgradeId}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getUpgrade", summary = "An upgrade's state, counts, failure and output")
    @APIResponse(responseCode = "200", description = "The upgrade",
            content = @Content(schema = @Schema(implementation = UpgradeView.class)))
    @APIResponse(responseCode = "404", description = "No such plugin or upgrade",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public UpgradeView get(@PathParam("pluginId") String pluginId, @PathParam("upgradeId") UUID upgradeId) {
        return UpgradeView.of(upgrades.get(pluginId, upgradeId));
    }

    @GET
    @Path("{upgradeId}/objects")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listUpgradeObjects", summary = "The per-object report of an upgrade or dry run")
    @APIResponse(responseCode = "200", description = "A page of the report, in the order objects were processed")
    @APIResponse(responseCode = "400", description = "Bad parameters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such plugin or upgrade",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<UpgradeObjectView> report(@PathParam("pluginId") String pluginId,
            @PathParam("upgradeId") UUID upgradeId,
            @Parameter(description = "Only objects with this outcome")
            @QueryParam("outcome") @Pattern(regexp = "MIGRATED|UNCHANGED|FAILED|NOT_RUN",
                    message = "must be one of MIGRATED, UNCHANGED, FAILED, NOT_RUN") String outcome,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return new Page<>(upgrades.report(pluginId, upgradeId, outcome, offset, limit).stream()
                .map(UpgradeObjectView::of).toList(), offset, limit, upgrades.reportCount(upgradeId, outcome));
    }
}
