package io.timeflow.staging.api;

import io.timeflow.platform.api.Params;
import io.timeflow.platform.api.Page;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.security.Roles;
import io.timeflow.staging.domain.Fault;
import io.timeflow.staging.domain.FaultService;
import io.timeflow.staging.persistence.FaultRepository;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/faults")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Faults", description = "Faults on dSources: list, resolve, ignore")
public class FaultResource {

    private final FaultService faults;

    @Inject
    public FaultResource(FaultService faults) {
        this.faults = faults;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listFaults", summary = "List faults, newest first, by dSource, severity and status")
    @APIResponse(responseCode = "200", description = "A page of faults",
            content = @Content(schema = @Schema(implementation = FaultPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter or paging (parameter named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<FaultView> list(
            @Parameter(description = "Only faults of this dSource") @QueryParam("dsourceId") String dsourceId,
            @Parameter(description = "WARNING or CRITICAL", schema = @Schema(enumeration = {"WARNING", "CRITICAL"}))
            @QueryParam("severity") String severity,
            @Parameter(description = "ACTIVE, RESOLVED or IGNORED",
                    schema = @Schema(enumeration = {"ACTIVE", "RESOLVED", "IGNORED"})) @QueryParam("status") String status,
            @Parameter(description = "Only faults with this code, e.g. CANNOT_MONITOR") @QueryParam("code") String code,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        FaultRepository.Filter filter = new FaultRepository.Filter(Params.uuid("dsourceId", dsourceId),
                Params.choice("severity", severity, Fault.Severity.class), Params.choice("status", status, Fault.Status.class),
                code == null || code.isBlank() ? null : code.trim());
        return new Page<>(faults.page(filter, offset, limit).stream().map(FaultView::of).toList(), offset, limit,
                faults.count(filter));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getFault", summary = "Get a fault")
    @APIResponse(responseCode = "200", description = "The fault",
            content = @Content(schema = @Schema(implementation = FaultView.class)))
    @APIResponse(responseCode = "404", description = "No such fault",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FaultView get(@PathParam("id") UUID id) {
        return FaultView.of(faults.get(id));
    }

    @POST
    @Path("{id}/resolve")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "resolveFault", summary = "Mark an active fault resolved (raised again if its condition "
            + "persists)")
    @APIResponse(responseCode = "200", description = "RESOLVED",
            content = @Content(schema = @Schema(implementation = FaultView.class)))
    @APIResponse(responseCode = "404", description = "No such fault",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The fault is not ACTIVE (FAULT_NOT_ACTIVE)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FaultView resolve(@PathParam("id") UUID id) {
        return FaultView.of(faults.resolve(id));
    }

    @POST
    @Path("{id}/ignore")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "ignoreFault", summary = "Ignore an active fault (not raised again while its condition lasts)")
    @APIResponse(responseCode = "200", description = "IGNORED",
            content = @Content(schema = @Schema(implementation = FaultView.class)))
    @APIResponse(responseCode = "404", description = "No such fault",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The fault is not ACTIVE (FAULT_NOT_ACTIVE)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FaultView ignore(@PathParam("id") UUID id) {
        return FaultView.of(faults.ignore(id));
    }

    /** The OpenAPI shape of a page of faults (Page is generic). */
    @Schema(name = "FaultPage", description = "A page of faults, newest first")
    public record FaultPage(List<FaultView> items,
            @Schema(examples = "0") int offset, @Schema(examples = "50") int limit, @Schema(examples = "1") long total) {
    }
}
