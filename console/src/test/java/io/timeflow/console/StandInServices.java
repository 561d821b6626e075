package io.timeflow.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Stand-ins for the four services' HTTP ports, for the console service's own tests: each answers every
 * request with what it received (method, path, query, headers, the body's size and SHA-256) and, for
 * staging-service's cheapest read, admits only the credentials the test says it accepts, answering
 * others as the real service does (401 problem+json). The real services are what the console's
 * browser story runs against; these stand-ins let the router's and the stream's own rules be checked
 * one by one.
 */
final class StandInServices {

    /** A request as a stand-in received it. */
    record Received(String service, String method, String path, String query, Map<String, List<String>> headers,
            long bodyBytes, String bodySha256) {
        String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    /** Credentials (the whole Authorization or X-API-Key value) staging-service's stand-in accepts. */
    static final Map<String, Boolean> ACCEPTED = new ConcurrentHashMap<>();
    /** Services that die while answering (the connection closes without an answer). */
    static final Set<String> DYING = ConcurrentHashMap.newKeySet();
    private static final Map<String, HttpServer> SERVERS = new LinkedHashMap<>();

    private StandInServices() {
    }

    static synchronized Map<String, String> start() throws IOException {
        Map<String, String> urls = new LinkedHashMap<>();
        for (String service : List.of("staging", "snapshot", "plugin", "backup")) {
            HttpServer server = SERVERS.get(service);
            if (server == null) {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.setExecutor(Executors.newFixedThreadPool(4));
                server.createContext("/", exchange -> answer(service, exchange));
                server.start();
                SERVERS.put(service, server);
            }
            urls.put(service, "http://127.0.0.1:" + server.getAddress().getPort());
        }
        return urls;
    }

    private static void answer(String service, HttpExchange exchange) throws IOException {
        if (DYING.contains(service)) {
            exchange.close();
            return;
        }
        long size = 0;
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (Exception e) {
            throw new IOException(e);
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
                size += n;
            }
        }
        Received r = new Received(service, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), size,
                HexFormat.of().formatHex(sha.digest()));
        RECEIVED.add(r);
        String path = r.path();
        if ("staging".equals(service) && "/api/v1/environments".equals(path)) {
            String auth = r.header("Authorization") != null ? r.header("Authorization") : r.header("X-API-Key");
            if (auth == null || !ACCEPTED.getOrDefault(auth, false)) {
                send(exchange, 401, "application/problem+json",
                        "{\"type\":\"urn:timeflow:problem:unauthorized\",\"title\":\"Authentication required\",\"status\":401,"
                                + "\"detail\":\"send a valid bearer token or API key\",\"code\":\"UNAUTHORIZED\"}", Map.of());
                return;
            }
            send(exchange, 200, "application/json", "{\"items\":[],\"offset\":0,\"limit\":1,\"total\":0}", Map.of());
            return;
        }
        if (path.endsWith("/created")) {
            // a job resource answered as the services do: 202 and a Location on the service's own address
            String self = "http://127.0.0.1:" + exchange.getLocalAddress().getPort();
            send(exchange, 202, "application/json", "{\"id\":\"j1\"}", Map.of("Location", self + "/api/v1/snapsync/j1"));
            return;
        }
        send(exchange, 200, "application/json", "{\"service\":\"" + service + "\",\"bytes\":" + size + ",\"sha256\":\""
                + r.bodySha256() + "\"}", Map.of("Keep-Alive", "timeout=5", "X-Service", service));
    }

    private static void send(HttpExchange exchange, int status, String type, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
