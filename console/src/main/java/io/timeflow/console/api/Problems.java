package io.timeflow.console.api;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * RFC 9457 problem details from the console service itself, shaped as the four services shape theirs
 * ({@code type = urn:timeflow:problem:<code in kebab case>}, a stable {@code code}), so the console shows them the same
 * way; the codes are {@link ConsoleProblem}'s. Never echoes what the client sent.
 */
final class Problems {

    private Problems() {
    }

    static void send(RoutingContext ctx, ConsoleProblem problem, String detail) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            ctx.request().connection().close();
            return;
        }
        JsonObject body = new JsonObject()
                .put("type", problem.type())
                .put("title", problem.title())
                .put("status", problem.status())
                .put("detail", detail)
                .put("code", problem.name());
        response.setStatusCode(problem.status())
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }
}
