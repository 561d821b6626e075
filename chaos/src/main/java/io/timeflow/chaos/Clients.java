package io.timeflow.chaos;

import io.timeflow.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * The generated clients of every replica, and the choice of a replica for each call: a random one
 * among those that are up (started and ready, not killed since), as a load balancer in front of a
 * Deployment sends a request to a ready pod. A call may still reach a replica killed while it was
 * under way: its answer is then unknown. HTTP calls are never retried by the HTTP library: every
 * attempt is an operation of the history.
 */
public final class Clients implements AutoCloseable {

    /** The answer of a call must come within this long, or it is unknown. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    /** Which token a call carries. */
    public enum Role {
        ADMIN, AGENT
    }

    private final Cluster cluster;
    private final CloseableHttpClient http;
    private final String admin;
    private final String agent;
    /** One generated client per replica (and token): they are safe to share between threads. */
    private final java.util.concurrent.ConcurrentMap<String, Object> cache = new java.util.concurrent.ConcurrentHashMap<>();

    public Clients(Cluster cluster, Duration validity) {
        this.cluster = cluster;
        this.http = HttpClients.custom()
                .disableAutomaticRetries()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(32)
                        .setMaxConnTotal(512)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofMilliseconds(CONNECT_TIMEOUT.toMillis()))
                                .setValidateAfterInactivity(TimeValue.ofMilliseconds(200))
                                .build())
                        .build())
                .evictExpiredConnections()
                .build();
        this.admin = token("chaos-admin", "admin", validity);
        this.agent = token("chaos-agent", "agent", validity);
    }

    /** A token signed with the key whose public half the replicas trust ({@code jwt-public.pem} of the run). */
    static String token(String subject, String role, Duration validity) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(TestTokens.ISSUER);
        claims.setAudience(TestTokens.AUDIENCE);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", List.of(role));
        claims.setGeneratedJwtId();
        claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().minusSeconds(5).getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().plus(validity).getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(TestTokens.signingKey());
        jws.setKeyIdHeaderValue("timeflow-chaos");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign the run's token", e);
        }
    }

    /** A replica of the service to send a call to: one that is up, or any when none is. */
    Cluster.Replica pick(String service, Random random) {
        List<Cluster.Replica> all = cluster.replicas(service);
        List<Cluster.Replica> up = new ArrayList<>();
        for (Cluster.Replica r : all) {
            if (r.up()) {
                up.add(r);
            }
        }
        List<Cluster.Replica> from = up.isEmpty() ? all : up;
        return from.get(random.nextInt(from.size()));
    }

    private String token(Role role) {
        return role == Role.AGENT ? agent : admin;
    }

    public io.timeflow.client.staging.ApiClient staging(Role role, Random random) {
        Cluster.Replica r = pick("staging", random);
        return (io.timeflow.client.staging.ApiClient) cache.computeIfAbsent(r.name() + "/" + role, k -> {
            io.timeflow.client.staging.ApiClient c = new io.timeflow.client.staging.ApiClient(http);
            c.setBasePath(r.api().toString());
            c.setReadTimeout((int) READ_TIMEOUT.toMillis());
            c.addDefaultHeader("Authorization", "Bearer " + token(role));
            return c;
        });
    }

    public io.timeflow.client.snapshot.ApiClient snapshot(Random random) {
        Cluster.Replica r = pick("snapshot", random);
        return (io.timeflow.client.snapshot.ApiClient) cache.computeIfAbsent(r.name(), k -> {
            io.timeflow.client.snapshot.ApiClient c = new io.timeflow.client.snapshot.ApiClient(http);
            c.setBasePath(r.api().toString());
            c.setReadTimeout((int) READ_TIMEOUT.toMillis());
            c.addDefaultHeader("Authorization", "Bearer " + admin);
            return c;
        });
    }

    public io.timeflow.client.plugin.ApiClient plugin(Random random) {
        Cluster.Replica r = pick("plugin", random);
        return (io.timeflow.client.plugin.ApiClient) cache.computeIfAbsent(r.name(), k -> {
            io.timeflow.client.plugin.ApiClient c = new io.timeflow.client.plugin.ApiClient(http);
            c.setBasePath(r.api().toString());
            // an upgrade request loads the bundle in a sandbox before it answers (the first one in a JVM: seconds)
            c.setReadTimeout((int) (READ_TIMEOUT.toMillis() * 9));
            c.addDefaultHeader("Authorization", "Bearer " + admin);
            return c;
        });
    }

    public io.timeflow.client.backup.ApiClient backup(Random random) {
        Cluster.Replica r = pick("backup", random);
        return (io.timeflow.client.backup.ApiClient) cache.computeIfAbsent(r.name(), k -> {
            io.timeflow.client.backup.ApiClient c = new io.timeflow.client.backup.ApiClient(http);
            c.setBasePath(r.api().toString());
            c.setReadTimeout((int) READ_TIMEOUT.toMillis());
            c.addDefaultHeader("Authorization", "Bearer " + admin);
            return c;
        });
    }

    @Override
    public void close() throws java.io.IOException {
        http.close();
    }
}
