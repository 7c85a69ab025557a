package io.switchboard.credential;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.infra.Ports;
import io.switchboard.testsupport.SharedInfra;
import java.util.Map;

/**
 * The vendor sandbox for validation: its origin (on a free port) is the http/loopback origin the SSRF guard lets
 * through, as the local platform configures it; Autotask's zone discovery points at it (and its answer points back
 * at it). Also allowed: the sandbox under its other name, for a zone Autotask moved the database to, and an origin
 * where nothing listens, for the unreachable case.
 */
public class SandboxTestResource implements QuarkusTestResourceLifecycleManager {

    /** An allowed origin where nothing listens. */
    static final String CLOSED_ORIGIN = "http://127.0.0.1:" + Ports.free();

    @Override
    public Map<String, String> start() {
        String sandbox = SharedInfra.sandbox().url();
        return Map.of(
                "switchboard.credentials.url-policy.allowed-origins", sandbox + "," + SharedInfra.sandboxAlias() + "," + CLOSED_ORIGIN,
                "switchboard.credentials.validation.autotask-discovery-url", sandbox + "/atservicesrest/");
    }

    @Override
    public void stop() {
        // the sandbox stops with the JVM
    }
}
