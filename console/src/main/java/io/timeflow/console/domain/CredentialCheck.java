package io.timeflow.console.domain;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;

/**
 * Whether a browser's credential may read the suite, decided by the suite itself: the console service
 * holds no keys and verifies nothing on its own. It makes the cheapest read a viewer may make
 * ({@code GET /api/v1/environments?limit=1} on staging-service) with the credential exactly as the
 * browser sent it (bearer token or API key), and takes the answer: 200 admits it; anything else
 * (401 expired, revoked or unknown, 403 a role that may not read, 429 too many refusals) is passed
 * back as the service gave it. So tokens, API keys, revocations and the role hierarchy mean the same
 * for the change stream as for the APIs.
 */
@ApplicationScoped
public class CredentialCheck {

    /** The service's answer: its status and, when refused, its problem document. */
    public record Verdict(int status, String contentType, Buffer body) {
        public boolean admitted() {
            return status == 200;
        }
    }

    static final String PROBE = "/api/v1/environments?limit=1";

    private final ConsoleConfig config;
    private final HttpClient client;

    @Inject
    public CredentialCheck(ConsoleConfig config, Vertx vertx) {
        this.config = config;
        this.client = vertx.createHttpClient(config.upstream().clientOptions().setIdleTimeout(30));
    }

    /** Asks staging-service; a failed future means it could not be asked. */
    public Future<Verdict> check(String authorization, String apiKey, String forwardedFor) {
        URI base = config.upstream().staging();
        boolean tls = "https".equalsIgnoreCase(base.getScheme());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(base.getHost())
                .setPort(base.getPort() > 0 ? base.getPort() : tls ? 443 : 80).setSsl(tls).setURI(PROBE)
                .putHeader("Accept", "application/json, application/problem+json");
        if (authorization != null) {
            options.putHeader("Authorization", authorization);
        }
        if (apiKey != null) {
            options.putHeader("X-API-Key", apiKey);
        }
        if (forwardedFor != null) {
            options.putHeader("X-Forwarded-For", forwardedFor);
        }
        return client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> new Verdict(response.statusCode(),
                        response.getHeader("Content-Type"), response.statusCode() == 200 ? Buffer.buffer() : body)));
    }
}
