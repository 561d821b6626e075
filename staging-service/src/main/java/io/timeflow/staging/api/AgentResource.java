package io.timeflow.staging.api;

import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.security.Roles;
import io.timeflow.staging.api.AgentViews.AgentView;
import io.timeflow.staging.api.AgentViews.Instance;
import io.timeflow.staging.api.AgentViews.ServedView;
import io.timeflow.staging.api.AgentViews.TaskView;
import io.timeflow.staging.domain.Agent;
import io.timeflow.staging.domain.AgentService;
import io.timeflow.staging.domain.Environment;
import io.timeflow.staging.domain.EnvironmentService;
import io.timeflow.staging.domain.Hook;
import io.timeflow.staging.domain.SqlInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The staging hosts' agents: registration, the dSources they serve, and attach tasks (ADR 0100, 0101). */
@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Agents", description = "The staging hosts' agents: they run hooks, watch staging databases and attach them")
public class AgentResource {

    static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";
    static final String NAME_MESSAGE = "must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit";

    private final AgentService agents;
    private final EnvironmentService environments;

    @Inject
    public AgentResource(AgentService agents, EnvironmentService environments) {
        this.agents = agents;
        this.environments = environments;
    }

    @PUT
    @Path("{name}")
    @RolesAllowed(Roles.AGENT)
    @Operation(operationId = "registerAgent", summary = "Register an agent and its environment (agent)",
            description = "The environment is found by name and registered when missing; the instances it lacks are "
                    + "added. An environment of that name on another host is refused (ENVIRONMENT_HOST_MISMATCH).")
    @APIResponse(responseCode = "200", description = "Registered",
            content = @Content(schema = @Schema(implementation = AgentView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request (fields named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The environment belongs to another host (ENVIRONMENT_HOST_MISMATCH)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AgentView register(@PathParam("name") @Pattern(regexp = NAME, message = NAME_MESSAGE) String name,
            @Valid @NotNull AgentRequests.Registration request) {
        EnvironmentRequest env = request.environment();
        AgentService.Registered r = agents.register(new AgentService.Registration(name, env.name(), env.host(),
                env.osType(), env.timeZone(), env.connectorPath(),
                request.instances() == null ? List.of() : request.instances().stream()
                        .map(i -> new EnvironmentService.NewRepository(i.name(), i.version(), i.port())).toList(),
                request.version(), request.shells() == null ? List.of()
                        : request.shells().stream().map(Hook.Shell::name).distinct().toList()));
        return view(r.agent(), r.environment(), r.instances());
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listAgents", summary = "List the agents, with the environment each serves and whether it "
            + "is running")
    @APIResponse(responseCode = "200", description = "The agents",
            content = @Content(schema = @Schema(implementation = AgentView.class, type = SchemaType.ARRAY)))
    public List<AgentView> list() {
        return agents.list().stream().map(a -> {
            Environment env = environments.get(a.environmentId());
            return view(a, env, environments.repositories(env.id()));
        }).toList();
    }

    @GET
    @Path("{name}/dsources")
    @RolesAllowed(Roles.AGENT)
    @Operation(operationId = "listAgentDSources", summary = "The dSources of the agent's environment (agent)")
    @APIResponse(responseCode = "200", description = "The dSources to watch, and their hooks' phases",
            content = @Content(schema = @Schema(implementation = ServedView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "No agent of that name is registered (AGENT_NOT_REGISTERED)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<ServedView> dsources(@PathParam("name") String name) {
        return agents.served(name).stream().map(ServedView::of).toList();
    }

    @POST
    @Path("{name}/tasks/claim")
    @RolesAllowed(Roles.AGENT)
    @Operation(operationId = "claimAgentTask", summary = "Take the oldest attach task of the agent's environment, under "
            + "a lease (agent)")
    @APIResponse(responseCode = "200", description = "A task",
            content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "204", description = "No task is waiting")
    @APIResponse(responseCode = "404", description = "No agent of that name is registered (AGENT_NOT_REGISTERED)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response claim(@PathParam("name") String name) {
        return agents.claim(name).map(t -> Response.ok(TaskView.of(t)).build())
                .orElseGet(() -> Response.noContent().build());
    }

    @POST
    @Path("{name}/tasks/{taskId}/report")
    @RolesAllowed(Roles.AGENT)
    @Operation(operationId = "reportAgentTask", summary = "Report how an attach task ended (agent)",
            description = "Checked against the staging-push rules: files in a sub-directory of the mount, or file names "
                    + "other than the dSource keeps, make it FAILED. The outcome is the dSource's attach status; FAILED "
                    + "raises the WARNING fault ATTACH_FAILED. Reporting a task again answers it as it ended.")
    @APIResponse(responseCode = "200", description = "The task as it ended",
            content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request (fields named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such task",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Another agent holds the task (TASK_NOT_HELD)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TaskView report(@PathParam("name") String name, @PathParam("taskId") UUID taskId,
            @Valid @NotNull AgentRequests.TaskReport request) {
        return TaskView.of(agents.report(name, taskId, new AgentService.TaskReport(
                request.status() == AttachReportRequest.Outcome.ATTACHED, request.reason(), request.files())));
    }

    private AgentView view(Agent a, Environment env, List<SqlInstance> instances) {
        return new AgentView(a.name(), env.id(), env.name(), env.osType(), env.timeZone(),
                instances.stream().map(i -> new Instance(i.id(), i.name(), i.port())).toList(), a.version(), a.shells(),
                agents.alive(a), a.registeredAt(), a.lastSeenAt());
    }
}
