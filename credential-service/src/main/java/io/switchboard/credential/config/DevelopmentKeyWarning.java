package io.switchboard.credential.config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/** The built-in key-encryption key is public (it is in the repository): fine for development, never for real data. */
@ApplicationScoped
public class DevelopmentKeyWarning {

    private static final Logger LOG = Logger.getLogger(DevelopmentKeyWarning.class);

    void check(@Observes StartupEvent event, CredentialsConfig config) {
        warning(config.kek().keys(), config.kek().developmentKey(), ConfigUtils.getProfiles()).ifPresent(LOG::warn);
    }

    /** The warning to log, if a configured version is the development key and no dev or test profile is active. */
    static Optional<String> warning(Map<String, String> keys, Optional<String> developmentKey, List<String> profiles) {
        if (developmentKey.isEmpty() || profiles.contains("dev") || profiles.contains("test")) {
            return Optional.empty();
        }
        return new TreeMap<>(keys).entrySet().stream()
                .filter(e -> e.getValue().trim().equals(developmentKey.get().trim()))
                .map(Map.Entry::getKey)
                .findFirst()
                .map(version -> "key-encryption key version " + version + " is the built-in development key, which is "
                        + "public: set SWITCHBOARD_CREDENTIALS_KEK_KEYS_" + version + " to a key of your own (32 random "
                        + "bytes in base64, e.g. from `openssl rand -base64 32`), or add a version with "
                        + "SWITCHBOARD_CREDENTIALS_KEK_KEYS_<n> and SWITCHBOARD_CREDENTIALS_KEK_CURRENT_VERSION=<n> and "
                        + "run the key rotation");
    }
}
