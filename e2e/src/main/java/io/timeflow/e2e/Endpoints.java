package io.timeflow.e2e;

import java.net.URI;

/**
 * Where the four services answer and the bearer token to send: the generated clients are built from
 * these, and nothing else talks to the suite.
 *
 * @param staging  base URL of staging-service (e.g. http://localhost:8081)
 * @param snapshot base URL of snapshot-service
 * @param plugin   base URL of plugin-service
 * @param backup   base URL of backup-service
 * @param token    a bearer token holding the admin role
 * @param oneRequestPerConnection send {@code Connection: close} with every request, so that a load
 *                 balancer in front of several copies of a service (one that balances connections, as
 *                 a Kubernetes Service does) spreads requests, not just connections
 */
public record Endpoints(URI staging, URI snapshot, URI plugin, URI backup, String token, boolean oneRequestPerConnection) {

    public Endpoints(URI staging, URI snapshot, URI plugin, URI backup, String token) {
        this(staging, snapshot, plugin, backup, token, false);
    }

    static final int CONNECT_TIMEOUT_MS = 2_000;
    static final int READ_TIMEOUT_MS = 60_000;

    /** The ports of {@code ./timeflow up} on localhost: 8081 to 8084. */
    public static Endpoints localSuite(int httpPortBase, String token) {
        return new Endpoints(local(httpPortBase + 1), local(httpPortBase + 2), local(httpPortBase + 3),
                local(httpPortBase + 4), token);
    }

    private static URI local(int port) {
        return URI.create("http://localhost:" + port);
    }

    public io.timeflow.client.staging.ApiClient stagingClient() {
        io.timeflow.client.staging.ApiClient c = new io.timeflow.client.staging.ApiClient();
        c.setBasePath(staging.toString());
        c.setConnectTimeout(CONNECT_TIMEOUT_MS);
        c.setReadTimeout(READ_TIMEOUT_MS);
        c.addDefaultHeader("Authorization", "Bearer " + token);
        if (oneRequestPerConnection) {
            c.addDefaultHeader("Connection", "close");
        }
        return c;
    }

    public io.timeflow.client.snapshot.ApiClient snapshotClient() {
        io.timeflow.client.snapshot.ApiClient c = new io.timeflow.client.snapshot.ApiClient();
        c.setBasePath(snapshot.toString());
        c.setConnectTimeout(CONNECT_TIMEOUT_MS);
        c.setReadTimeout(READ_TIMEOUT_MS);
        c.addDefaultHeader("Authorization", "Bearer " + token);
        if (oneRequestPerConnection) {
            c.addDefaultHeader("Connection", "close");
        }
        return c;
    }

    public io.timeflow.client.plugin.ApiClient pluginClient() {
        io.timeflow.client.plugin.ApiClient c = new io.timeflow.client.plugin.ApiClient();
        c.setBasePath(plugin.toString());
        c.setConnectTimeout(CONNECT_TIMEOUT_MS);
        c.setReadTimeout(READ_TIMEOUT_MS);
        c.addDefaultHeader("Authorization", "Bearer " + token);
        if (oneRequestPerConnection) {
            c.addDefaultHeader("Connection", "close");
        }
        return c;
    }

    public io.timeflow.client.backup.ApiClient backupClient() {
        io.timeflow.client.backup.ApiClient c = new io.timeflow.client.backup.ApiClient();
        c.setBasePath(backup.toString());
        c.setConnectTimeout(CONNECT_TIMEOUT_MS);
        c.setReadTimeout(READ_TIMEOUT_MS);
        c.addDefaultHeader("Authorization", "Bearer " + token);
        if (oneRequestPerConnection) {
            c.addDefaultHeader("Connection", "close");
        }
        return c;
    }
}
