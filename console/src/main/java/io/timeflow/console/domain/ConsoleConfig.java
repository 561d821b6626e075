package io.timeflow.console.domain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The console service's settings ({@code timeflow.console.*}). */
@ConfigMapping(prefix = "timeflow.console")
public interface ConsoleConfig {

    /** Where each service's API is reached from the console service. */
    Upstreams upstream();

    /** The change stream sent to browsers. */
    Events events();

    interface Upstreams {
        URI staging();

        URI snapshot();

        URI plugin();

        URI backup();

        /** How long a call to a service may go without a byte before it is given up (downloads stream). */
        @WithDefault("5M")
        Duration idleTimeout();

        @WithDefault("5S")
        Duration connectTimeout();

        /**
         * A PEM file of the authority that signed the services' certificates, when they serve HTTPS (the chart sets it
         * with tls.http); without it the JVM's trusted authorities apply.
         */
        Optional<String> caFile();

        /** The client options every call to a service uses (timeouts, and trust for HTTPS). */
        default HttpClientOptions clientOptions() {
            HttpClientOptions options = new HttpClientOptions()
                    .setConnectTimeout((int) connectTimeout().toMillis())
                    .setIdleTimeout((int) idleTimeout().toSeconds())
                    .setKeepAlive(true)
                    .setDecompressionSupported(false)
                    .setTryUseCompression(false);
            caFile().ifPresent(file -> options.setTrustOptions(new PemTrustOptions().addCertPath(file)));
            return options;
        }

        default URI of(ApiPrefixes.Service service) {
            return switch (service) {
                case STAGING -> staging();
                case SNAPSHOT -> snapshot();
                case PLUGIN -> plugin();
                case BACKUP -> backup();
            };
        }
    }

    interface Events {
        /** A comment line sent this often keeps proxies and browsers from closing an idle stream. */
        @WithDefault("15S")
        Duration heartbeat();

        /** How often the credential of an open stream is checked again (an expired or revoked one ends it). */
        @WithDefault("60S")
        Duration recheck();

        /** Streams one console replica holds at most; more are refused with 503. */
        @WithDefault("500")
        int maxStreams();

        /** How long the topic reader waits before it looks for topics or partitions it does not read yet. */
        @WithDefault("10S")
        Duration partitionRefresh();
    }
}
