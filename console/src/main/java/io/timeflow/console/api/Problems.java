package io.timeflow.console.api;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * RFC 9457 problem details from the console service itself, shaped as the four services shape theirs
 * ({@code type = urn:timeflow:problem:<code in kebab case>}, a stable {@code code}), so the console shows them the same
 * way. Never echoes what the client sent.
 */
final class Problems {

    private Problems() {
    }

    static void send(RoutingContext ctx, int status, String code, String title, String detail) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            ctx.request().connection().close();
            return;
        }
        JsonObject body = new JsonObject()
                .put("type", "urn:timeflow:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-'))
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("code", code);
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }
}
