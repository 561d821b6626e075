package io.timeflow.console.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The console service's one origin:
 * <ul>
 *   <li>{@code /api/...}: the four APIs ({@link PrefixRouter});</li>
 *   <li>{@code /console/events}: the change stream ({@link EventStream});</li>
 *   <li>everything else: the single-page application (its files from {@code META-INF/resources}, and
 *       {@code index.html} for any other page path, so that a bookmarked or reloaded page opens).</li>
 * </ul>
 * Every answer carries the suite's security headers and a content security policy that allows only
 * this origin's scripts.
 */
@ApplicationScoped
public class ConsoleRoutes {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final PrefixRouter prefixRouter;
    private final EventStream events;
    private final Buffer index;

    @Inject
    public ConsoleRoutes(PrefixRouter prefixRouter, EventStream events) {
        this.prefixRouter = prefixRouter;
        this.events = events;
        this.index = indexPage();
    }

    void routes(@Observes Router router) {
        router.route().order(-100).handler(ConsoleRoutes::securityHeaders);
        router.route("/api/*").order(-90).handler(prefixRouter::route);
        router.route("/console/events").order(-90).method(HttpMethod.GET).handler(events::open);
        router.route("/console/*").order(-89).handler(ctx -> Problems.send(ctx, ConsoleProblem.NOT_FOUND,
                "The console service has no such resource."));
        router.route().order(-80).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::page);
    }

    /** A page path of the application (no file name with an extension): the application's index. */
    private void page(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (path.startsWith("/q/") || last.contains(".") || index == null) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-store");
        if (ctx.request().method() == HttpMethod.HEAD) {
            ctx.response().putHeader("Content-Length", String.valueOf(index.length())).end();
        } else {
            ctx.response().end(index);
        }
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> {
            HttpServerResponse r = ctx.response();
            r.headers().set("X-Content-Type-Options", "nosniff");
            r.headers().set("X-Frame-Options", "DENY");
            r.headers().set("Referrer-Policy", "no-referrer");
            if (!r.headers().contains("Content-Security-Policy")) {
                r.headers().set("Content-Security-Policy", CSP);
            }
            if (!r.headers().contains("Cache-Control")) {
                // the bundles' names carry their content hash; anything else is read afresh
                r.headers().set("Cache-Control", ctx.normalizedPath().startsWith("/assets/")
                        ? "public, max-age=31536000, immutable" : "no-store");
            }
        });
        ctx.next();
    }

    private static Buffer indexPage() {
        try (InputStream in = ConsoleRoutes.class.getClassLoader().getResourceAsStream("META-INF/resources/index.html")) {
            return in == null ? null : Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
