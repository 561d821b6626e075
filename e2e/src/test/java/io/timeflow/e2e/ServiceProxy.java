package io.timeflow.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What a Kubernetes Service does for the copies of one service, which podman cannot provide: one
 * address on localhost that hands each new connection to the next copy whose readiness probe answers
 * 200 (checked every 500 ms, as endpoints follow readiness), skipping a copy that refuses the
 * connection. A copy killed mid-story drops out until it is ready again. Counts the connections each
 * copy received.
 */
final class ServiceProxy implements AutoCloseable {

    /** One copy: its API (host port) and its readiness probe. */
    record Backend(String name, URI api, URI ready) {
    }

    private final String service;
    private final List<Backend> backends;
    private final boolean[] ready;
    private final AtomicLongArray connections;
    private final AtomicInteger next = new AtomicInteger();
    private final ServerSocket server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private volatile boolean closed;

    ServiceProxy(String service, List<Backend> backends) throws IOException {
        this.service = service;
        this.backends = List.copyOf(backends);
        this.ready = new boolean[backends.size()];
        this.connections = new AtomicLongArray(backends.size());
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        probeAll();
        Thread.ofPlatform().daemon().name("service-" + service + "-endpoints").start(this::followReadiness);
        Thread.ofPlatform().daemon().name("service-" + service + "-accept").start(this::accept);
    }

    URI uri() {
        return URI.create("http://localhost:" + server.getLocalPort());
    }

    long connections(int copy) {
        return connections.get(copy);
    }

    boolean ready(int copy) {
        return ready[copy];
    }

    List<Backend> backends() {
        return backends;
    }

    /** Takes a copy out at once (the kubelet saw its container die), before the next probe would. */
    synchronized void markDown(int copy) {
        ready[copy] = false;
    }

    private void followReadiness() {
        while (!closed) {
            probeAll();
            sleep(500);
        }
    }

    private void probeAll() {
        for (int i = 0; i < backends.size(); i++) {
            boolean ok;
            try {
                ok = http.send(HttpRequest.newBuilder(backends.get(i).ready()).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                ok = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (this) {
                ready[i] = ok;
            }
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    sleep(100);
                }
            }
        }
    }

    /** Connects the client to a ready copy (waiting up to a minute for one), then copies bytes both ways. */
    private void serve(Socket client) {
        Socket backend = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (backend == null && System.nanoTime() < deadline && !closed) {
            List<Integer> candidates = new ArrayList<>();
            synchronized (this) {
                for (int i = 0; i < backends.size(); i++) {
                    if (ready[i]) {
                        candidates.add(i);
                    }
                }
            }
            if (candidates.isEmpty()) {
                sleep(200);
                continue;
            }
            int start = Math.floorMod(next.getAndIncrement(), candidates.size());
            for (int k = 0; k < candidates.size() && backend == null; k++) {
                int i = candidates.get((start + k) % candidates.size());
                URI api = backends.get(i).api();
                try {
                    Socket s = new Socket();
                    s.connect(new InetSocketAddress(api.getHost(), api.getPort()), 1000);
                    backend = s;
                    connections.incrementAndGet(i);
                } catch (IOException e) {
                    markDown(i);
                }
            }
        }
        if (backend == null) {
            close(client);
            return;
        }
        Socket b = backend;
        Thread up = Thread.ofVirtual().start(() -> pipe(client, b));
        pipe(b, client);
        try {
            up.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close(client);
        close(b);
    }

    private static void pipe(Socket from, Socket to) {
        byte[] buf = new byte[16384];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            close(from);
            close(to);
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String summary() {
        StringBuilder b = new StringBuilder(service).append(":");
        for (int i = 0; i < backends.size(); i++) {
            b.append(' ').append(backends.get(i).name()).append('=').append(connections.get(i));
        }
        return b.toString();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
