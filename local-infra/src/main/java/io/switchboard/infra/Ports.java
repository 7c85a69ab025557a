package io.switchboard.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback port checks: every local component listens on 127.0.0.1 only. */
public final class Ports {

    private Ports() {
    }

    /** Where the free ports handed out are taken from: below Linux's default ephemeral range (32768–60999). */
    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;

    /**
     * A port that was free a moment ago (for test resources, which must not collide with a running platform). Taken
     * below the ephemeral range: a port from there (what binding port 0 gives) can meanwhile become any process's
     * listener or outgoing connection, and a platform started port by port would then find it taken.
     */
    public static int free() {
        int span = LAST - FIRST;
        int start = ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < span; i++) {
            int port = FIRST + (start + i) % span;
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try the next one
            }
        }
        throw new InfraException("no free loopback port between " + FIRST + " and " + LAST);
    }

    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails fast, naming the port and the setting to change, instead of letting a server die on bind. */
    public static void requireFree(int port, String component, String envVariable) {
        if (isListening(port)) {
            throw new InfraException("port " + port + " for " + component + " is already taken by another process: "
                    + "stop that process or choose another port with " + envVariable + "=<port>");
        }
    }
}
