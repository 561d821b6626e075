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
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.OptionalLong;
import io.timeflow.platform.config.TimeflowConfig;
import org.jboss.logging.Logger;

/**
 * Rate limit of authentication failures per client address (ADR 0062): every answer 401 to a call
 * that presented a credential counts; an address over {@code timeflow.security.auth-failures.limit}
 * failures within {@code timeflow.security.auth-failures.window} gets 429 {@code TOO_MANY_REQUESTS}
 * problem+json with {@code Retry-After} for every call until the window ends. The address is the
 * peer's, or the forwarded one when {@code quarkus.http.proxy.proxy-address-forwarding} trusts a proxy.
 */
@ApplicationScoped
public class AuthFailureRateLimit {

    private static final Logger LOG = Logger.getLogger(AuthFailureRateLimit.class);
    /** Runs before every other route (security included). */
    static final int ORDER = -1000;

    @Produces
    @Singleton
    AuthFailureLimiter limiter(TimeflowConfig config, Clock clock) {
        return new AuthFailureLimiter(config.security().authFailures().limit(), config.security().authFailures().window(),
                clock);
    }

    void install(@Observes Router router, AuthFailureLimiter limiter) {
        router.route().order(ORDER).handler(context -> filter(context, limiter));
    }

    static void filter(RoutingContext context, AuthFailureLimiter limiter) {
        HttpServerRequest request = context.request();
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().host();
        OptionalLong retryAfter = limiter.retryAfterSeconds(address);
        if (retryAfter.isPresent()) {
            JsonObject body = new JsonObject()
                    .put("type", CommonProblem.TOO_MANY_REQUESTS.type())
                    .put("title", CommonProblem.TOO_MANY_REQUESTS.title())
                    .put("status", 429)
                    .put("detail", "too many refused tokens or API keys from this address; try again later")
                    .put("instance", request.path())
                    .put("code", CommonProblem.TOO_MANY_REQUESTS.code())
                    .put("errors", new JsonArray())
                    .put("context", new JsonObject().put("retryAfterSeconds", retryAfter.getAsLong()));
            context.response().setStatusCode(429)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Retry-After", Long.toString(retryAfter.getAsLong()))
                    .end(body.encode());
            return;
        }
        if (request.getHeader("Authorization") != null || request.getHeader("X-API-Key") != null) {
            context.addHeadersEndHandler(v -> {
                if (context.response().getStatusCode() == 401) {
                    limiter.failed(address);
                    if (limiter.retryAfterSeconds(address).isPresent()) {
                        LOG.warnf("authentication failures from %s reached %d; refusing it for a while", address,
                                limiter.limit());
                    }
                }
            });
        }
        context.next();
    }
}
