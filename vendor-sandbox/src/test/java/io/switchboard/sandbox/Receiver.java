package io.switchboard.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook receiver for tests: records every POST and answers with a chosen status. */
final class Receiver implements AutoCloseable {
    record Hit(String path, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
    }

    final BlockingQueue<Hit> hits = new LinkedBlockingQueue<>();
    final AtomicInteger status = new AtomicInteger(200);
    private final HttpServer server;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            Map<String, String> h = new java.util.HashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> h.put(k, v.get(0)));
            hits.add(new Hit(ex.getRequestURI().toString(), h, ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(status.get(), -1);
            ex.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    Hit next() throws InterruptedException {
        Hit h = hits.poll(10, TimeUnit.SECONDS);
        if (h == null) {
            throw new AssertionError("no delivery within 10 s");
        }
        return h;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
