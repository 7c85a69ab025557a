package io.switchboard.infra;

import java.nio.file.Path;

/** The java binary that runs this launcher also runs the broker and the services. */
final class Java {

    private Java() {
    }

    static String binary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
