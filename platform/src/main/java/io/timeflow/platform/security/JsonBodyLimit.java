package io.timeflow.platform.security;

import io.timeflow.platform.problem.CommonProblem;
import io.timeflow.platform.problem.Problem;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.timeflow.platform.config.TimeflowConfig;

/**
 * Bounds JSON request bodies separately from uploads (ADR 0062): plugin-service and backup-service
 * raise {@code quarkus.http.limits.max-body-size} for bundles and archives, yet their JSON
 * operations keep {@code timeflow.http.max-json-body} (1M): a JSON body whose declared length is
 * larger is answered 413 {@code PAYLOAD_TOO_LARGE} before it is read. Bodies of other media types
 * (zip, octet-stream) keep the server's limit.
 *
 * <p>A JSON body that declares a length of at most {@link #READ_AHEAD} bytes is also read here, on the event loop,
 * before the request goes to its resource method (ADR 0166). Otherwise RESTEasy Reactive reads the body of a blocking
 * method from its worker thread, a chunk at a time handed over by the event loop through a lock and a wait: under
 * ingest load that hand-over was about a sixth of staging-service's CPU samples. With the body read, RESTEasy takes
 * it as a byte array. Larger bodies, bodies of unknown length (chunked) and requests that expect {@code 100-continue}
 * are read as before.
 */
@ApplicationScoped
public class JsonBodyLimit {

    static final int ORDER = AuthFailureRateLimit.ORDER + 1;

    /** The largest JSON body read on the event loop before its method runs (a restore report: under 1 KiB). */
    static final long READ_AHEAD = 64 * 1024;

    void install(@Observes Router router, TimeflowConfig config) {
        long max = config.http().maxJsonBody().asLongValue();
        BodyHandler readAhead = BodyHandler.create(false).setBodyLimit(Math.min(max, READ_AHEAD));
        router.route().order(ORDER).handler(context -> filter(context, max, readAhead));
    }

    static void filter(RoutingContext context, long max, BodyHandler readAhead) {
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
        if (type != null && length != null && type.toLowerCase().contains("json") && !tooLong(length, READ_AHEAD)
                && request.getHeader("Expect") == null && !request.isEnded()) {
            readAhead.handle(context); // reads the whole body, then context.next()
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
