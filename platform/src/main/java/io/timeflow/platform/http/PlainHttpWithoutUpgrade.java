package io.timeflow.platform.http;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The plain-text HTTP port answers HTTP/1.1 only: a client that asks to switch to HTTP/2 there
 * ({@code Upgrade: h2c}) keeps HTTP/1.1 and gets its answer. The upgrade path broke clients now
 * and then (the JDK's HttpClient, which asks by default, read an HTTP/1.1 answer as HTTP/2 frames
 * and failed with a protocol error); HTTP/2 over TLS is untouched. See ADR 0073.
 */
@ApplicationScoped
public class PlainHttpWithoutUpgrade implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }
}
