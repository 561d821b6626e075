package io.timeflow.console.api;

import io.timeflow.console.domain.ApiPrefixes;
import io.timeflow.console.domain.ConsoleConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The console's one origin for the four APIs: a request under {@code /api/v1/} goes, as it came (method,
 * path, query, headers, streamed body), to the service that serves its first path segment
 * ({@link ApiPrefixes}), and the service's answer comes back as it was, streamed. Nothing is read,
 * kept or changed on the way but the hop-by-hop headers, {@code X-Forwarded-*}, and a {@code Location}
 * that names the service's own address (made relative, so the browser stays on the console's origin).
 */
@ApplicationScoped
public class PrefixRouter {

    private static final Logger LOG = Logger.getLogger(PrefixRouter.class);

    /** Headers of one connection, never passed on (RFC 9110 section 7.6.1), and what the router sets itself. */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "expect", "content-length");

    private final ConsoleConfig config;
    private final HttpClient client;

    @Inject
    public PrefixRouter(ConsoleConfig config, Vertx vertx) {
        this.config = config;
        this.client = vertx.createHttpClient(config.upstream().clientOptions(), new PoolOptions().setHttp1MaxSize(32));
    }

    /** Handles a request whose path starts with {@code /api/}. */
    public void route(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String path = ctx.normalizedPath();
        Optional<ApiPrefixes.Service> service = ApiPrefixes.serviceOf(path);
        if (service.isEmpty()) {
            Problems.send(ctx, ConsoleProblem.NOT_FOUND, "No service of the suite serves this path.");
            return;
        }
        URI base = config.upstream().of(service.get());
        boolean tls = "https".equalsIgnoreCase(base.getScheme());
        int port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
        String query = request.query();
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(base.getHost())
                .setPort(port)
                .setSsl(tls)
                .setURI(path + (query == null ? "" : "?" + query))
                .setIdleTimeout(config.upstream().idleTimeout().toMillis());
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        copyRequestHeaders(request, headers);
        headers.set("X-Forwarded-For", forwardedFor(request));
        headers.set("X-Forwarded-Proto", request.scheme());
        if (request.authority() != null) {
            headers.set("X-Forwarded-Host", request.authority().toString());
        }
        options.setHeaders(headers);
        request.pause();
        client.request(options).onComplete(created -> {
            if (created.failed()) {
                unavailable(ctx, service.get(), created.cause());
                return;
            }
            HttpClientRequest upstream = created.result();
            String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null) {
                upstream.putHeader(HttpHeaders.CONTENT_LENGTH, length);
            } else if (request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
                upstream.setChunked(true);
            }
            upstream.response().onComplete(answered -> {
                if (answered.failed()) {
                    unavailable(ctx, service.get(), answered.cause());
                    return;
                }
                relay(ctx, base, answered.result());
            });
            request.pipeTo(upstream).onFailure(e -> {
                LOG.debugf("request to %s ended early: %s", service.get().serviceName(), e.getMessage());
                upstream.reset();
            });
        });
    }

    private void relay(RoutingContext ctx, URI base, HttpClientResponse answer) {
        HttpServerResponse response = ctx.response();
        response.setStatusCode(answer.statusCode());
        if (answer.statusMessage() != null) {
            response.setStatusMessage(answer.statusMessage());
        }
        answer.headers().forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name)) {
                response.headers().add(h.getKey(), "location".equals(name) ? sameOrigin(base, h.getValue()) : h.getValue());
            }
        });
        String length = answer.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, length);
        } else {
            response.setChunked(true);
        }
        answer.pipeTo(response);
    }

    private void unavailable(RoutingContext ctx, ApiPrefixes.Service service, Throwable cause) {
        LOG.warnf("%s did not answer: %s", service.serviceName(), cause.getMessage());
        ctx.request().resume();
        Problems.send(ctx, ConsoleProblem.SERVICE_UNAVAILABLE,
                service.serviceName() + " did not answer; try again once it is running.");
    }

    private static void copyRequestHeaders(HttpServerRequest request, MultiMap into) {
        request.headers().forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !name.startsWith("x-forwarded-")) {
                into.add(h.getKey(), h.getValue());
            }
        });
    }

    private static String forwardedFor(HttpServerRequest request) {
        String remote = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        String earlier = request.getHeader("X-Forwarded-For");
        return earlier == null || earlier.isBlank() ? remote : earlier + ", " + remote;
    }

    /** A Location on the service's own address becomes a path on the console's origin; others stay. */
    static String sameOrigin(URI base, String location) {
        String origin = base.getScheme() + "://" + base.getAuthority();
        if (location.startsWith(origin + "/")) {
            return location.substring(origin.length());
        }
        return location;
    }
}
