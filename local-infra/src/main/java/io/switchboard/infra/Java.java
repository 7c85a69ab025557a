package io.switchboard.infra;

import java.nio.file.Path;

/** The java binary that runs this launcher also runs the broker and the services. */
final class Java {

    private Java() {
    }

    static String binary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A harmless system property naming the directory a server belongs to: its command line then tells a PID
     * file check (and a test looking for leftovers) that the process is ours.
     */
    static String workDirMarker(Path workDir) {
        return "-Dswitchboard.workdir=" + workDir.toAbsolutePath();
    }
}
