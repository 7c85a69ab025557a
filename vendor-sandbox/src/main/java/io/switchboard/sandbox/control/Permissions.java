package io.switchboard.sandbox.control;

import io.switchboard.sandbox.config.SandboxConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the demo tenant's Autotask security level (and its Resource Impersonation section), Manage security role and
 * Automate user class grant. Starts from configuration (the seeds); the control API changes it at run time so a test
 * can take one permission away without restarting the sandbox, and reset restores the configured sets.
 */
@ApplicationScoped
public class Permissions {

    public static final String AUTOTASK = "autotask";
    public static final String AUTOTASK_IMPERSONATION = "autotask-impersonation";
    public static final String MANAGE = "manage";
    public static final String AUTOMATE = "automate";

    private final SandboxConfig config;
    private final Map<String, Set<String>> granted = new ConcurrentHashMap<>();

    public Permissions(SandboxConfig config) {
        this.config = config;
        reset();
    }

    public Set<String> of(String set) {
        Set<String> permissions = granted.get(set);
        if (permissions == null) {
            throw new IllegalArgumentException("unknown permission set " + set);
        }
        return permissions;
    }

    public boolean grants(String set, String permission) {
        return of(set).contains(permission);
    }

    /** @return false for an unknown set */
    public boolean replace(String set, Set<String> permissions) {
        return granted.computeIfPresent(set, (k, v) -> Set.copyOf(permissions)) != null;
    }

    public Map<String, Set<String>> all() {
        return Map.copyOf(granted);
    }

    public void reset() {
        granted.put(AUTOTASK, Set.copyOf(config.autotask().permissions()));
        granted.put(AUTOTASK_IMPERSONATION, Set.copyOf(config.autotask().impersonation()));
        granted.put(MANAGE, Set.copyOf(config.manage().permissions()));
        granted.put(AUTOMATE, Set.copyOf(config.automate().permissions()));
    }
}
