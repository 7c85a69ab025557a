package io.switchboard.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port checks: every local component listens on 127.0.0.1 only. */
public final class Ports {

    private Ports() {
    }

    /** A port that was free a moment ago (for test resources, which must not collide with a running platform). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new InfraException("no free loopback port", e);
        }
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
