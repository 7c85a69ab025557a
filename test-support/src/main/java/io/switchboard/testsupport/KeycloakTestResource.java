package io.switchboard.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points a {@code @QuarkusTest}'s OIDC settings at the shared real Keycloak and its switchboard realm. */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.auth-server-url", SharedInfra.keycloak().realmUrl());
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped by SharedInfra when the JVM exits
    }
}
