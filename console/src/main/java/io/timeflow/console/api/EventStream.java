package io.timeflow.console.api;

import io.timeflow.console.domain.ChangeFeed;
import io.timeflow.console.domain.ChangeNotice;
import io.timeflow.console.domain.ConsoleConfig;
import io.timeflow.console.domain.CredentialCheck;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * {@code GET /console/events}: one server-sent-events stream per browser, fed from the topics
 * ({@link ChangeFeed}). It carries a {@code change} event for each event on the topics (which
 * service, which type, about which aggregate: never the payload), a {@code status} event when
 * reading the topics starts or stops, comments as heartbeats, and a last {@code signed-out} event
 * when the credential it was opened with stops being accepted. The credential travels in a header
 * ({@code Authorization} or {@code X-API-Key}: the browser opens the stream with {@code fetch}),
 * never in the URL.
 */
@ApplicationScoped
public class EventStream {

    private static final Logger LOG = Logger.getLogger(EventStream.class);

    private final ChangeFeed feed;
    private final CredentialCheck credentials;
    private final ConsoleConfig config;
    private final Vertx vertx;

    @Inject
    public EventStream(ChangeFeed feed, CredentialCheck credentials, ConsoleConfig config, Vertx vertx) {
        this.feed = feed;
        this.credentials = credentials;
        this.config = config;
        this.vertx = vertx;
    }

    public void open(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String authorization = request.getHeader("Authorization");
        String apiKey = request.getHeader("X-API-Key");
        if (authorization == null && apiKey == null) {
            Problems.send(ctx, ConsoleProblem.UNAUTHORIZED,
                    "Sign in first: the stream needs a token or an API key in the Authorization or X-API-Key header.");
            return;
        }
        if (feed.listeners() >= config.events().maxStreams()) {
            Problems.send(ctx, ConsoleProblem.TOO_MANY_STREAMS,
                    "This console replica holds as many change streams as it may; the console polls instead.");
            return;
        }
        String from = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        credentials.check(authorization, apiKey, from).onComplete(verdict -> {
            if (verdict.failed()) {
                Problems.send(ctx, ConsoleProblem.SERVICE_UNAVAILABLE,
                        "staging-service did not answer, so the credential could not be checked; try again once it is running.");
                return;
            }
            if (!verdict.result().admitted()) {
                HttpServerResponse response = ctx.response().setStatusCode(verdict.result().status());
                if (verdict.result().contentType() != null) {
                    response.putHeader("Content-Type", verdict.result().contentType());
                }
                response.putHeader("Cache-Control", "no-store").end(verdict.result().body());
                return;
            }
            stream(ctx, authorization, apiKey, from);
        });
    }

    private void stream(RoutingContext ctx, String authorization, String apiKey, String from) {
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            return;
        }
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no");
        AtomicBoolean open = new AtomicBoolean(true);
        boolean[] reading = {feed.reading()};
        response.write("retry: 3000\n\n");
        response.write(event("status", new JsonObject().put("reading", reading[0])));
        AutoCloseable listening = feed.listen(notice -> {
            if (!open.get()) {
                return;
            }
            if (response.writeQueueFull()) {
                // a browser that cannot keep up reconnects and reads the APIs afresh
                LOG.debug("a browser fell behind its change stream; closing it");
                response.end();
                return;
            }
            response.write(change(notice));
        });
        long heartbeat = vertx.setPeriodic(config.events().heartbeat().toMillis(), id -> {
            if (!open.get()) {
                return;
            }
            boolean now = feed.reading();
            if (now != reading[0]) {
                reading[0] = now;
                response.write(event("status", new JsonObject().put("reading", now)));
            }
            response.write(": keep-alive\n\n");
        });
        long recheck = vertx.setPeriodic(config.events().recheck().toMillis(), id ->
                credentials.check(authorization, apiKey, from).onSuccess(verdict -> {
                    if (open.get() && !verdict.admitted()) {
                        response.write(event("signed-out", new JsonObject().put("status", verdict.status())));
                        response.end();
                    }
                }));
        Runnable close = () -> {
            if (open.compareAndSet(true, false)) {
                vertx.cancelTimer(heartbeat);
                vertx.cancelTimer(recheck);
                try {
                    listening.close();
                } catch (Exception e) {
                    // nothing to release
                }
            }
        };
        response.closeHandler(v -> close.run());
        response.endHandler(v -> close.run());
    }

    static String change(ChangeNotice n) {
        JsonObject data = new JsonObject().put("service", n.service()).put("type", n.type()).put("subject", n.subject())
                .put("time", n.time());
        return "id: " + n.id().replaceAll("[\\r\\n]", "") + "\nevent: change\ndata: " + data.encode() + "\n\n";
    }

    static String event(String name, JsonObject data) {
        return "event: " + name + "\ndata: " + data.encode() + "\n\n";
    }
}
