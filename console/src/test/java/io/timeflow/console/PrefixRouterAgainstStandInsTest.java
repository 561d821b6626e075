package io.timeflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's one origin: each API path reaches the service that serves it, as it came, and the
 * answer comes back as the service gave it; the application's pages are served for any page path.
 * The services are {@link StandInServices} here (they echo what they received); the browser story
 * runs the same router against the real ones.
 */
@QuarkusTest
class PrefixRouterAgainstStandInsTest {

    @TestHTTPResource("/")
    URI console;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void forget() {
        StandInServices.RECEIVED.clear();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(console.resolve(path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPathReachesTheServiceThatServesItWithItsQueryAndCredential() throws Exception {
        HttpResponse<String> r = get("/api/v1/snapsync/readiness/3f2c?verbose=true&x=%2F", "Authorization", "Bearer abc");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"service\":\"snapshot\"");
        assertThat(StandInServices.RECEIVED).singleElement().satisfies(received -> {
            assertThat(received.service()).isEqualTo("snapshot");
            assertThat(received.path()).isEqualTo("/api/v1/snapsync/readiness/3f2c");
            assertThat(received.query()).isEqualTo("verbose=true&x=%2F");
            assertThat(received.header("Authorization")).isEqualTo("Bearer abc");
            assertThat(received.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
            assertThat(received.header("X-Forwarded-Proto")).isEqualTo("http");
        });
    }

    @Test
    void eachServiceGetsItsOwnPrefixes() throws Exception {
        assertThat(get("/api/v1/dsources").body()).contains("staging");
        assertThat(get("/api/v1/vdbs").body()).contains("snapshot");
        assertThat(get("/api/v1/plugins").body()).contains("plugin");
        assertThat(get("/api/v1/restores").body()).contains("backup");
        assertThat(get("/api/v1/dsources/1/restores").body()).contains("staging");
    }

    @Test
    void anUploadStreamsThroughWhole() throws Exception {
        byte[] bundle = new byte[5 * 1024 * 1024 + 17];
        new Random(7).nextBytes(bundle);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(console.resolve("/api/v1/plugins"))
                .header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bundle)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bundle));
        assertThat(r.body()).contains("\"bytes\":" + bundle.length).contains(sha);
        assertThat(StandInServices.RECEIVED).singleElement()
                .satisfies(received -> assertThat(received.header("Content-Type")).isEqualTo("application/zip"));
    }

    @Test
    void theServicesAnswerComesBackWithoutItsHopByHopHeaders() throws Exception {
        HttpResponse<String> r = get("/api/v1/environments/e/history", "Authorization", "Bearer abc");
        assertThat(r.headers().firstValue("X-Service")).contains("staging");
        assertThat(r.headers().firstValue("Keep-Alive")).isEmpty();
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
    }

    @Test
    void aLocationOnTheServicesOwnAddressStaysOnTheConsolesOrigin() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(console.resolve("/api/v1/snapsync/created"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.headers().firstValue("Location")).contains("/api/v1/snapsync/j1");
    }

    @Test
    void aPathNoServiceServesIsA404Problem() throws Exception {
        HttpResponse<String> r = get("/api/v1/inventory");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(r.body()).contains("\"code\":\"NOT_FOUND\"").doesNotContain("inventory");
        assertThat(StandInServices.RECEIVED).isEmpty();
    }

    @Test
    void aServiceThatDoesNotAnswerIsA502ProblemNamingIt() throws Exception {
        StandInServices.DYING.add("backup");
        try {
            HttpResponse<String> r = get("/api/v1/backups");
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(r.body()).contains("\"code\":\"SERVICE_UNAVAILABLE\"").contains("backup-service did not answer");
        } finally {
            StandInServices.DYING.remove("backup");
        }
        assertThat(get("/api/v1/backups").statusCode()).isEqualTo(200);
    }

    @Test
    void pagePathsServeTheApplicationWithItsSecurityHeaders() throws Exception {
        HttpResponse<String> r = get("/dsources/3f2c?tab=timeflow");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(r.body()).contains("<div id=\"root\">");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(get("/").body()).contains("<div id=\"root\">");
    }

    @Test
    void aMissingFileIsNotAnsweredWithThePage() throws Exception {
        assertThat(get("/assets/no-such-bundle.js").statusCode()).isEqualTo(404);
        HttpResponse<String> r = get("/console/nothing");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
    }
}
