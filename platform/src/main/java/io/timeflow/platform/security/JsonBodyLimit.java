package io.timeflow.platform.security;

import io.timeflow.platform.problem.CommonProblem;
import io.timeflow.platform.problem.Problem;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.timeflow.platform.config.TimeflowConfig;

/**
 * Bounds JSON request bodies separately from uploads (ADR 0062): plugin-service and backup-service
 * raise {@code quarkus.http.limits.max-body-size} for bundles and archives, yet their JSON
 * operations keep {@code timeflow.http.max-json-body} (1M): a JSON body whose declared length is
 * larger is answered 413 {@code PAYLOAD_TOO_LARGE} before it is read. Bodies of other media types
 * (zip, octet-stream) keep the server's limit.
 */
@ApplicationScoped
public class JsonBodyLimit {

    static final int ORDER = AuthFailureRateLimit.ORDER + 1;

    void install(@Observes Router router, TimeflowConfig config) {
        long max = config.http().maxJsonBody().asLongValue();
        router.route().order(ORDER).handler(context -> filter(context, max));
    }

    static void filter(RoutingContext context, long max) {
        HttpServerRequest request = context.request();
        String type = request.getHeader("Content-Type");
        String length = request.getHeader("Content-Length");
        if (type != null && length != null && type.toLowerCase().contains("json") && tooLong(length, max)) {
            JsonObject body = new JsonObject()
                    .put("type", CommonProblem.PAYLOAD_TOO_LARGE.type())
                    .put("title", CommonProblem.PAYLOAD_TOO_LARGE.title())
                    .put("status", 413)
                    .put("detail", "a JSON request body may hold at most " + max + " bytes")
                    .put("instance", request.path())
                    .put("code", CommonProblem.PAYLOAD_TOO_LARGE.code())
                    .put("errors", new JsonArray())
                    .put("context", new JsonObject());
            context.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close").end(body.encode());
            return;
        }
        context.next();
    }

    private static boolean tooLong(String length, long max) {
        try {
            return Long.parseLong(length.trim()) > max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
