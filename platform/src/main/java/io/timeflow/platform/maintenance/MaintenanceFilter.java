package io.timeflow.platform.maintenance;

import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every service refuses writes to its API while the suite is in maintenance (a restore runs): a
 * request other than GET, HEAD or OPTIONS under {@code /api/} gets 503 {@code application/problem+json}
 * with code {@code MAINTENANCE_IN_PROGRESS} and a {@code Retry-After}. Reads keep working, and the
 * same data is served again without a restart once the restore ends.
 */
public class MaintenanceFilter {

    static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final MaintenanceGate gate;

    @Inject
    public MaintenanceFilter(MaintenanceGate gate) {
        this.gate = gate;
    }

    @ServerRequestFilter
    public Optional<Response> refuseWritesDuringMaintenance(ContainerRequestContext request) {
        if (!isApiWrite(request.getMethod(), request.getUriInfo().getPath())) {
            return Optional.empty();
        }
        return gate.current().map(m -> {
            ProblemException p = MaintenanceGate.refusal(m);
            Problem problem = new Problem(Problem.typeOf(p.code()), p.title(), p.status(), p.getMessage(),
                    "/" + request.getUriInfo().getPath().replaceFirst("^/", ""), p.code(), List.of(), p.context());
            return Response.status(503).type(Problem.MEDIA_TYPE)
                    .header("Retry-After", MaintenanceGate.RETRY_AFTER_SECONDS).entity(problem).build();
        });
    }

    /** A request that may change data: any method but GET, HEAD and OPTIONS, on the API. */
    static boolean isApiWrite(String method, String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return !READS.contains(method) && p.startsWith("/api/");
    }
}
